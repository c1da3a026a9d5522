/**
 * Page chrome and cross-cutting web concerns: the layout, sign-in page, dashboard and Roles page, and the mapping of
 * the shared exceptions to problem+json (API) or error pages (console). No feature logic.
 */
package io.iotconsole.web;
