#include "Progress.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace layerlab::app::cli {

Progress::Progress() {
    const char* forced = std::getenv("LAYERLAB_PROGRESS");
    m_enabled = forced && *forced ? std::strcmp(forced, "0") != 0 : ::isatty(STDERR_FILENO) == 1;
}

bool Progress::due() {
    if (!m_enabled) return false;
    const auto now = std::chrono::steady_clock::now();
    // The first update shows at once (a short file still says what it read); then every 200 ms.
    if (m_shown && now - m_last < std::chrono::milliseconds(200)) return false;
    m_last = now;
    return true;
}

void Progress::show(const std::string& line) {
    std::fprintf(stderr, "\r%s\033[K", line.c_str());
    std::fflush(stderr);
    m_shown = true;
}

void Progress::clear() {
    if (!m_shown) return;
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    m_shown = false;
}

engine::data::CsvProgress Progress::reading(const std::string& file) {
    if (!m_enabled) return {};
    return [this, file](std::uint64_t done, std::uint64_t total) {
        if (!due()) return true;
        char line[512];
        const double mb = 1e6;
        if (total > 0 && done <= total)
            std::snprintf(line, sizeof line, "reading %s: %3.0f%% (%.0f of %.0f MB)", file.c_str(), 100.0 * double(done) / double(total),
                          double(done) / mb, double(total) / mb);
        else // a .gz file: the offset counts compressed bytes read, the total is unknown
            std::snprintf(line, sizeof line, "reading %s: %.0f MB", file.c_str(), double(done) / mb);
        show(line);
        return true;
    };
}

void Progress::batch(const engine::train::BatchReport& r, int epochs, std::int64_t batches) {
    if (m_firstStep < 0) {
        m_firstStep = r.step;
        m_started = std::chrono::steady_clock::now();
    }
    if (!due() || batches <= 0) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    const auto done = double(r.step - m_firstStep + 1);
    const double left = double(epochs - r.epoch) * double(batches) + double(batches - r.batchInEpoch);
    char line[160];
    std::snprintf(line, sizeof line, "epoch %d/%d  %3.0f%%  ETA %.0f s", r.epoch, epochs, 100.0 * r.batchInEpoch / double(batches),
                  done > 0 ? seconds / done * left : 0.0);
    show(line);
}

} // namespace layerlab::app::cli
