// Typed errors of the engine. Each carries where it happened (file, line, column or training step)
// so a client can show one clear line. The engine never prints; clients format what() for users.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace layerlab::engine {

/// Base of every error the engine throws on purpose.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A problem in a file the user gave us: CSV, project, model. Line and column are 1-based; 0 = unknown.
class FileError : public Error {
public:
    FileError(std::string file, std::int64_t line, std::int64_t column, const std::string& message)
        : Error(format(file, line, column, message)), m_file(std::move(file)), m_line(line),
          m_column(column), m_message(message) {}
    const std::string& file() const { return m_file; }
    std::int64_t line() const { return m_line; }
    std::int64_t column() const { return m_column; }
    const std::string& message() const { return m_message; }

private:
    static std::string format(const std::string& file, std::int64_t line, std::int64_t column,
                              const std::string& message);
    std::string m_file;
    std::int64_t m_line;
    std::int64_t m_column;
    std::string m_message;
};

/// A network or training setting that cannot work (shape mismatch, unknown name, bad value).
class SpecError : public Error {
public:
    using Error::Error;
};

/// The user cancelled a long operation (loading, training setup). Not a failure: nothing was changed.
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

} // namespace layerlab::engine
