package io.iotconsole.web;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.shared.BusyException;
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
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Console errors as pages; another organisation's object is the same 404 as one that does not exist. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class ConsoleExceptionHandler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsoleExceptionHandler.class);
    private final AuditLog audit;

    ConsoleExceptionHandler(AuditLog audit) {
        this.audit = audit;
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        ApiExceptionHandler.Denials.recordIfAction(audit, request, e.getMessage());
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

    /** A unique key met by a write whose own check passed: another writer got there at the same moment. */
    @ExceptionHandler(DuplicateKeyException.class)
    String duplicateKey(DuplicateKeyException e, Model model, HttpServletResponse response) {
        return error(
                model,
                response,
                409,
                "Not possible now",
                "The " + UniqueKeys.field(e)
                        + " was taken meanwhile; nothing was changed. Go back and choose another.");
    }

    @ExceptionHandler({DataIntegrityViolationException.class, ConcurrencyFailureException.class})
    String raced(RuntimeException e, Model model, HttpServletResponse response) {
        LOG.warn("A write lost a race", e);
        return error(
                model,
                response,
                409,
                "Not possible now",
                "Someone changed the same data at the same moment; nothing was changed. Go back and try again.");
    }

    @ExceptionHandler({BusyException.class, CannotGetJdbcConnectionException.class, QueryTimeoutException.class})
    String busy(RuntimeException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        if (DatabaseSwitchover.causedBy(e)) {
            return switchingOver(e, model, request, response);
        }
        if (!(e instanceof BusyException)) {
            LOG.warn("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        }
        response.setHeader("Retry-After", "5");
        return error(model, response, 503, "Try again shortly", ApiExceptionHandler.busyMessage(e));
    }

    /**
     * Any other failure of the database or of a transaction: a page saying to try again when the database is
     * switching over (see {@link DatabaseSwitchover}); anything else goes on to the general error handling.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    String database(RuntimeException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        if (!DatabaseSwitchover.causedBy(e)) {
            throw e;
        }
        return switchingOver(e, model, request, response);
    }

    private static String switchingOver(
            RuntimeException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        LOG.warn(
                "{} {} failed while the database switched over: {}",
                request.getMethod(),
                request.getRequestURI(),
                e.getMessage());
        response.setHeader("Retry-After", DatabaseSwitchover.RETRY_AFTER);
        return error(model, response, 503, "Try again shortly", DatabaseSwitchover.DETAIL);
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
