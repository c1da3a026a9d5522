package io.iotconsole.upload;

/** What an upload loads; each kind's pages and permission belong to the module that owns its data. */
public enum UploadKind {
    DEVICES,
    STOCK,
    TRANSFER
}
