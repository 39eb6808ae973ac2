#pragma once

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <optional>

namespace Api {

// When and how long to wait before trying a request again. Pure, so it is tested without a network.
struct RetryPolicy
{
    int maxAttempts = 4; // first try included
    std::chrono::milliseconds baseDelay { 500 };
    std::chrono::milliseconds maxDelay { 20000 };
    // A Retry-After longer than this is not waited for: the error goes to the user, who can decide.
    std::chrono::milliseconds maxRetryAfter { 60000 };

    // Exponential backoff with "equal jitter": half the step fixed, half random (jitter in [0, 1]).
    // A server's Retry-After replaces the computed delay.
    std::chrono::milliseconds delayFor(
        int attempt, std::optional<std::chrono::milliseconds> retryAfter, double jitter) const;

    // 429, 502, 503, 504 and connection resets are retried for idempotent requests. A POST/PATCH is retried
    // only when the server certainly did not act on it: a 429 (rejected by the rate limiter) or a
    // connection that never opened.
    static bool isRetryable(bool idempotent, int httpStatus, int qnetworkError);

    // Retry-After is either delay-seconds or an HTTP date.
    static std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &now);
};

} // namespace Api
