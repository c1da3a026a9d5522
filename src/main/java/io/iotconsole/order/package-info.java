/**
 * Owns {@code sim_order}: an organisation's orders of SIMs, fulfilled from stock or cancelled by the platform
 * operator, and the invoice of a completed order as a PDF. Facade: {@link io.iotconsole.order.SimOrders}.
 */
package io.iotconsole.order;
