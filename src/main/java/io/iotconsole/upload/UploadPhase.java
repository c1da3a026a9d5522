package io.iotconsole.upload;

/** Where an upload is: three phases while it runs, then one of three ends. */
public enum UploadPhase {
    READING("Reading the file"),
    CHECKING("Checking the rows across the file"),
    WRITING("Writing"),
    DONE("Done"),
    REFUSED("Refused: nothing was written"),
    FAILED("Failed: nothing was written");

    private final String words;

    UploadPhase(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public boolean ended() {
        return this == DONE || this == REFUSED || this == FAILED;
    }
}
