package io.iotconsole.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every console page the links its lists' headers and pagers need ({@code fragments/list.html}). */
@ControllerAdvice(annotations = Controller.class)
class ListModel {
    @ModelAttribute("listLinks")
    ListLinks listLinks(HttpServletRequest request) {
        return new ListLinks(request);
    }
}
