#include "AtomicFile.h"

#include "core/Error.h"

#include <cerrno>
#include <cstring>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace layerlab::engine::io {

std::string readWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FileError(path, 0, 0, std::string("cannot open the file: ") + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw FileError(path, 0, 0, "read error");
    return std::move(buffer).str();
}

namespace {

std::filesystem::path folderOf(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? std::filesystem::path(".") : parent;
}

// `NAME.tmp-PID` files of ours whose process is gone: a save killed between write and rename.
void removeStaleTemporaries(const std::string& path) {
    const std::string prefix = std::filesystem::path(path).filename().string() + ".tmp-";
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folderOf(path), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string digits = name.substr(prefix.size());
        if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
        const auto pid = ::pid_t(std::stol(digits));
        if (pid == ::getpid() || pid <= 0) continue;
        if (::kill(pid, 0) != 0 && errno == ESRCH) std::filesystem::remove(it->path(), ec);
    }
}

void syncFolder(const std::string& path) {
    const int dir = ::open(folderOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return; // the file is already in place; a folder we cannot open cannot be synced
    ::fsync(dir);
    ::close(dir);
}

} // namespace

void checkWritable(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (path.empty()) throw FileError(path, 0, 0, "no file name given");
    if (fs::is_directory(path, ec)) throw FileError(path, 0, 0, "is a folder: give a file name to write");
    const fs::path folder = folderOf(path);
    if (!fs::exists(folder, ec)) throw FileError(path, 0, 0, "cannot be written: the folder " + folder.string() + " does not exist");
    if (!fs::is_directory(folder, ec)) throw FileError(path, 0, 0, "cannot be written: " + folder.string() + " is not a folder");
    if (::access(folder.c_str(), W_OK) != 0)
        throw FileError(path, 0, 0, "cannot be written: the folder " + folder.string() + " is not writable (" + std::strerror(errno) + ")");
    if (fs::exists(path, ec) && ::access(path.c_str(), W_OK) != 0)
        throw FileError(path, 0, 0, std::string("cannot be written: ") + std::strerror(errno));
}

void writeFileAtomically(const std::string& path, std::string_view contents) {
    writeFileAtomically(path, [&](const std::function<void(std::string_view)>& write) { write(contents); });
}

void writeFileAtomically(const std::string& path,
                         const std::function<void(const std::function<void(std::string_view)>& write)>& produce) {
    removeStaleTemporaries(path);
    const std::string temp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw FileError(path, 0, 0, std::string("cannot write: ") + std::strerror(errno));
    const auto write = [&](std::string_view piece) {
        std::size_t done = 0;
        while (done < piece.size()) {
            const ssize_t n = ::write(fd, piece.data() + done, piece.size() - done);
            if (n < 0) {
                if (errno == EINTR) continue;
                throw FileError(path, 0, 0, std::string("write failed: ") + std::strerror(errno));
            }
            done += std::size_t(n);
        }
    };
    try {
        produce(write);
    } catch (...) {
        ::close(fd);
        ::unlink(temp.c_str());
        throw;
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(temp.c_str());
        throw FileError(path, 0, 0, "could not flush to disk: " + why);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(temp.c_str());
        throw FileError(path, 0, 0, "could not replace the file: " + why);
    }
    syncFolder(path);
}

} // namespace layerlab::engine::io
