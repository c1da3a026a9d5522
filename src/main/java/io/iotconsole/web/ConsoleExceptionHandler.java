package io.iotconsole.web;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.ForbiddenException;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Console errors as pages; another organisation's object is the same 404 as one that does not exist. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class ConsoleExceptionHandler {
    private final AuditLog audit;

    ConsoleExceptionHandler(AuditLog audit) {
        this.audit = audit;
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        return error(model, response, 404, "Not found", "This page or object does not exist.");
    }

    @ExceptionHandler(ForbiddenException.class)
    String forbidden(ForbiddenException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        ApiExceptionHandler.Denials.record(audit, request, e.getMessage());
        return error(model, response, 403, "Not allowed", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    String conflict(ConflictException e, Model model, HttpServletResponse response) {
        return error(model, response, 409, "Not possible now", e.getMessage());
    }

    /**
     * A filter or parameter with a bad value: a 400 page naming it. (Forms catch their own problems and show them
     * on the form with what was typed.)
     */
    @ExceptionHandler(InvalidInputException.class)
    String invalid(InvalidInputException e, Model model, HttpServletResponse response) {
        return invalid(e.problems(), model, response);
    }

    @ExceptionHandler(TypeMismatchException.class)
    String mismatch(TypeMismatchException e, Model model, HttpServletResponse response) {
        return invalid(List.of(InputProblems.mismatch(e)), model, response);
    }

    @ExceptionHandler(BindException.class)
    String binding(BindException e, Model model, HttpServletResponse response) {
        return invalid(InputProblems.binding(e.getBindingResult()), model, response);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    String missing(MissingServletRequestParameterException e, Model model, HttpServletResponse response) {
        return invalid(List.of(new FieldProblem(e.getParameterName(), "Required")), model, response);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    String unreadable(HttpMessageNotReadableException e, Model model, HttpServletResponse response) {
        return invalid(InputProblems.unreadable(e), model, response);
    }

    private static String invalid(List<FieldProblem> problems, Model model, HttpServletResponse response) {
        String message =
                problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
        return error(model, response, 400, "Invalid input", message);
    }

    private static String error(Model model, HttpServletResponse response, int status, String title, String message) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "error";
    }
}
