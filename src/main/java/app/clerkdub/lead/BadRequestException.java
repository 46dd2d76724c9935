package app.clerkdub.lead;

/** Input the endpoint refuses; the message says what is wrong and never repeats the input. */
public class BadRequestException extends RuntimeException {
    private final int status;
    private final String code;

    BadRequestException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
