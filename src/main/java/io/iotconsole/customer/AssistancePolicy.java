package io.iotconsole.customer;

/**
 * How an organisation wants remote assistance: with the customer's approval or not, for how many minutes (5 to 60),
 * and whether the assisting console user may only look.
 */
public record AssistancePolicy(boolean consentRequired, int minutes, boolean readOnly) {
    static final AssistancePolicy DEFAULT = new AssistancePolicy(false, 30, false);
    static final int MIN_MINUTES = 5;
    static final int MAX_MINUTES = 60;
}
