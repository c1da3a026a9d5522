package io.iotconsole.organization;

import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.TextFields;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a new organisation is created with; {@link #validate()} names every field that is wrong. */
public record CompanyData(
        @Nullable String name,
        @Nullable String legalName,
        @Nullable String address,
        @Nullable String billingAddress,
        @Nullable String shippingAddress) {

    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem("name", "Enter the organisation's name"));
        } else {
            checkText(problems, "name", name, 200, false);
        }
        checkText(problems, "legalName", legalName, 200, false);
        checkText(problems, "address", address, 500, true);
        checkText(problems, "billingAddress", billingAddress, 500, true);
        checkText(problems, "shippingAddress", shippingAddress, 500, true);
        return problems;
    }

    public void validate() {
        List<FieldProblem> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    static void checkText(List<FieldProblem> problems, String field, @Nullable String value, int max, boolean lines) {
        String problem = value == null ? null : TextFields.problem(value, max, lines);
        if (problem != null) {
            problems.add(new FieldProblem(field, problem));
        }
    }

    CompanyData trimmed() {
        return new CompanyData(trim(name), trim(legalName), trim(address), trim(billingAddress), trim(shippingAddress));
    }

    private static @Nullable String trim(@Nullable String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
