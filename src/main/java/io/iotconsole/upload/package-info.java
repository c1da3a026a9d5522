/**
 * Owns {@code upload_job} and {@code upload_report}: the console's uploads (devices, SIM stock, a transfer's range
 * file) run in the background as jobs of one kind, on the instance that took the file. The job row records the phase
 * and the counts a progress bar is drawn from; a refused upload keeps its problems as a CSV report. The module that
 * owns the data does the work and decides who may see its jobs (it passes the {@link io.iotconsole.security.TenantScope}
 * of its own permission). Facade: {@link io.iotconsole.upload.UploadJobs}.
 */
package io.iotconsole.upload;
