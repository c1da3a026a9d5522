package io.iotconsole.web;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditOutcome;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.shared.BusyException;
import io.iotconsole.shared.ConflictException;
import io.iotconsole.shared.ForbiddenException;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.sim.NetworkRefusedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Management API errors as RFC 9457 problem documents; invalid input lists each field in {@code errors}. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiExceptionHandler.class);
    private final AuditLog audit;

    ApiExceptionHandler(AuditLog audit) {
        this.audit = audit;
    }

    /** An action on an object outside the caller's reach (or none at all) is a refusal, audited like a 403. */
    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e, HttpServletRequest request) {
        Denials.recordIfAction(audit, request, e.getMessage());
        return problem(HttpStatus.NOT_FOUND, "Not Found", e.getMessage());
    }

    /** The network refused a SIM action: 409 with the network's reason; nothing was changed. */
    @ExceptionHandler(NetworkRefusedException.class)
    ProblemDetail networkRefused(NetworkRefusedException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "Refused by the network", e.getMessage());
        p.setProperty("networkReason", e.reason());
        return p;
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e, HttpServletRequest request) {
        Denials.record(audit, request, e.getMessage());
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    /**
     * Anything unforeseen: logged in full for the operator, answered as a problem that gives nothing away. Spring
     * Security's own refusals keep their usual answers.
     */
    @ExceptionHandler(Exception.class)
    Object unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e;
        }
        if (DatabaseSwitchover.causedBy(e)) {
            return switchingOver(e, request);
        }
        LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal Server Error",
                "Something went wrong on our side; nothing was changed. The console's log has the details.");
    }

    /**
     * The server is busy or the request ran past the statement timeout: this request fails alone, with nothing
     * changed, and may be tried again.
     */
    @ExceptionHandler({BusyException.class, CannotGetJdbcConnectionException.class, QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> busy(RuntimeException e, HttpServletRequest request) {
        if (DatabaseSwitchover.causedBy(e)) {
            return switchingOver(e, request);
        }
        if (!(e instanceof BusyException)) {
            LOG.warn("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", busyMessage(e)));
    }

    /**
     * The database failed over under this request (see {@link DatabaseSwitchover}): its transaction is gone with the
     * connection, nothing was written, and the same request succeeds once the new primary serves.
     */
    private static ResponseEntity<ProblemDetail> switchingOver(Exception e, HttpServletRequest request) {
        LOG.warn(
                "{} {} failed while the database switched over: {}",
                request.getMethod(),
                request.getRequestURI(),
                e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", DatabaseSwitchover.RETRY_AFTER)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseSwitchover.TITLE, DatabaseSwitchover.DETAIL));
    }

    static String busyMessage(RuntimeException e) {
        if (e instanceof BusyException) {
            return e.getMessage();
        }
        if (e instanceof QueryTimeoutException) {
            return "This request took too long and was stopped; nothing was changed. Try again later.";
        }
        return "The server is busy; nothing was changed. Try again in a moment.";
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    /**
     * A unique key met by a write whose own check passed (another writer got there at the same moment): 409 naming
     * the field, never a server error.
     */
    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicateKey(DuplicateKeyException e, HttpServletRequest request) {
        String field = UniqueKeys.field(e);
        LOG.info("{} {} met a unique key on {}", request.getMethod(), request.getRequestURI(), field);
        ProblemDetail p =
                problem(HttpStatus.CONFLICT, "Conflict", "The " + field + " is already taken; nothing was changed.");
        p.setProperty("errors", List.of(Map.of("field", field, "message", "Already taken")));
        return p;
    }

    /** Any other rule of the database broken by a write (a row it refers to removed meanwhile, say). */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        LOG.warn("{} {} broke a rule of the database", request.getMethod(), request.getRequestURI(), e);
        return problem(
                HttpStatus.CONFLICT,
                "Conflict",
                "The change conflicts with other data changed meanwhile; nothing was changed. Reload and try again.");
    }

    /** Two writes that waited for each other (a deadlock, a lock timeout): the loser is told to try again. */
    @ExceptionHandler(ConcurrencyFailureException.class)
    ProblemDetail concurrency(ConcurrencyFailureException e, HttpServletRequest request) {
        LOG.warn("{} {} lost a race: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return problem(
                HttpStatus.CONFLICT,
                "Conflict",
                "Another change to the same data happened at the same moment; nothing was changed. Try again.");
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return invalid(e.problems());
    }

    static ProblemDetail invalid(List<InvalidInputException.FieldProblem> problems) {
        InvalidInputException e = new InvalidInputException(problems);
        ProblemDetail p = problem(
                HttpStatus.BAD_REQUEST,
                "Invalid input",
                problems.size() == 1 ? e.getMessage() : problems.size() + " fields are invalid");
        List<Map<String, Object>> errors = problems.stream()
                .map(InvalidInputException.FieldProblem::asJson)
                .toList();
        p.setProperty("errors", errors);
        return p;
    }

    /** Malformed JSON, a wrong type, an unknown field, a body that is not UTF-8: named by field, never generic. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return badRequest(InputProblems.unreadable(ex));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return badRequest(List.of(InputProblems.mismatch(ex)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return badRequest(List.of(new InvalidInputException.FieldProblem(ex.getParameterName(), "Required")));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return badRequest(InputProblems.binding(ex.getBindingResult()));
    }

    private static ResponseEntity<Object> badRequest(List<InvalidInputException.FieldProblem> problems) {
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(invalid(problems));
    }

    @ExceptionHandler(RequestSizeLimit.PayloadTooLargeException.class)
    ProblemDetail tooLarge(RequestSizeLimit.PayloadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large", e.getMessage());
    }

    @ExceptionHandler(AuthenticationCredentialsNotFoundException.class)
    ProblemDetail unauthenticated() {
        return problem(HttpStatus.UNAUTHORIZED, "Unauthorized", "A valid bearer token is required.");
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }

    /** Refusals go to the audit log too, in their own transaction since the request's work is abandoned. */
    static final class Denials {
        private Denials() {}

        /** A 404 of a write (an action) is recorded; reading a page or object that is not there is not. */
        static void recordIfAction(AuditLog audit, HttpServletRequest request, String reason) {
            if (!List.of("GET", "HEAD", "OPTIONS").contains(request.getMethod())) {
                record(audit, request, reason);
            }
        }

        static void record(AuditLog audit, HttpServletRequest request, String reason) {
            CurrentUser.find()
                    .ifPresent(user -> audit.recordIndependently(new AuditRecord(
                            user.organizationId(),
                            "ACCESS_DENIED",
                            "REQUEST",
                            null,
                            request.getMethod() + " " + request.getRequestURI(),
                            AuditOutcome.DENIED,
                            reason,
                            null,
                            null)));
        }
    }
}
