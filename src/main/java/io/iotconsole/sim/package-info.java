/**
 * Owns {@code sim_card}, {@code sim_group} and {@code user_sim_group}: the SIM inventory of each organisation, stock
 * imports by the platform operator, the SIM list with its filters and CSV export. Group users see only the SIMs of
 * the groups assigned to them. Facades: {@link io.iotconsole.sim.SimCards}, {@link io.iotconsole.sim.SimImports}.
 */
package io.iotconsole.sim;
