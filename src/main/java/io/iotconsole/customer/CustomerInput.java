package io.iotconsole.customer;

import io.iotconsole.shared.FieldChecks;
import io.iotconsole.shared.Text;
import org.jspecify.annotations.Nullable;

/** A customer's fields as given (create or edit), checked: every problem at once, by field. */
public record CustomerInput(
        @Text(max = 100) @Nullable String firstName,
        @Text(max = 100) @Nullable String lastName,
        @Text(max = 254) @Nullable String email,
        @Text(max = 5) @Nullable String countryCode,
        @Text(max = 30) @Nullable String phone) {

    /** The cleaned input; throws with every problem. */
    CustomerInput checked() {
        FieldChecks checks = new FieldChecks();
        String first = checks.name("firstName", firstName, true);
        String last = checks.name("lastName", lastName, true);
        String mail = checks.email(email);
        String[] number = checks.phone(countryCode, phone, "phone");
        checks.texts(this);
        checks.throwIfAny();
        return new CustomerInput(first, last, mail, number[0], number[1]);
    }
}
