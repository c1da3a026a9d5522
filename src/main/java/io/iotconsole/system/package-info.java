/** Start-up concerns of the installation itself: the embedded PostgreSQL that serves when no database is configured. */
package io.iotconsole.system;
