package aidline.http;

/** The JSON body of every error response: a stable code and a Chinese message. */
public record ApiError(String code, String message) {}
