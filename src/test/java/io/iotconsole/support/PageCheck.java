package io.iotconsole.support;

import java.util.List;
import org.openqa.selenium.WebDriver;

/**
 * One more look at a page the crawler has open, at the window width it is shown at: answers what is wrong with it,
 * one readable sentence a problem, or nothing. Static methods of the shape {@code List<String> x(WebDriver)} fit as
 * method references.
 */
@FunctionalInterface
public interface PageCheck {
    List<String> check(WebDriver browser);
}
