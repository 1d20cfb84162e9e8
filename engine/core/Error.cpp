#include "Error.h"

namespace layerlab::engine {

// Built with append() rather than operator+: GCC 12 warns falsely (-Wrestrict) on the latter.
std::string FileError::format(const std::string& file, std::int64_t line, std::int64_t column,
                              const std::string& message) {
    std::string where = file.empty() ? std::string("<input>") : file;
    if (line > 0) where.append(":").append(std::to_string(line));
    if (column > 0) where.append(":").append(std::to_string(column));
    return where.append(": ").append(message);
}

} // namespace layerlab::engine
