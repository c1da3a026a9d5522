/**
 * Owns {@code customer}, {@code customer_location}, {@code device}, {@code customer_session} and
 * {@code customer_link}: the end customers of each organisation's white-label app, looked up as one types, their
 * passwords, status and remote assistance, bulk device upload, and the customer app at {@code /app} with its JSON
 * API. Facade: {@link io.iotconsole.customer.Customers}.
 */
package io.iotconsole.customer;
