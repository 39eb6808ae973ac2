#pragma once

namespace Sql {

// Server error numbers callers decide on, without including the client library's headers (checked against
// <mysqld_error.h> in connection.cpp).
namespace ServerError {
inline constexpr unsigned int LockWaitTimeout = 1205; // ER_LOCK_WAIT_TIMEOUT (row or metadata lock)
inline constexpr unsigned int LockDeadlock = 1213; // ER_LOCK_DEADLOCK
inline constexpr unsigned int DuplicateKey = 1062; // ER_DUP_ENTRY
inline constexpr unsigned int BadNull = 1048; // ER_BAD_NULL_ERROR
inline constexpr unsigned int DataTooLong = 1406; // ER_DATA_TOO_LONG
inline constexpr unsigned int NoSuchTable = 1146; // ER_NO_SUCH_TABLE
inline constexpr unsigned int TableExists = 1050; // ER_TABLE_EXISTS_ERROR
inline constexpr unsigned int TriggerExists = 1359; // ER_TRG_ALREADY_EXISTS
inline constexpr unsigned int QueryInterrupted = 1317; // ER_QUERY_INTERRUPTED
inline constexpr unsigned int SpecificAccessDenied = 1227; // ER_SPECIFIC_ACCESS_DENIED_ERROR (e.g. SET USER)
} // namespace ServerError

} // namespace Sql
