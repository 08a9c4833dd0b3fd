package io.sincro.api;

/** A request the API refuses, with the HTTP status and a sentence saying why. */
public class ApiProblem extends RuntimeException {

    private final int status;

    public ApiProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, what + " not found");
    }

    public static ApiProblem badRequest(String why) {
        return new ApiProblem(400, why);
    }

    public static ApiProblem conflict(String why) {
        return new ApiProblem(409, why);
    }
}
