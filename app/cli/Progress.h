// Progress of long CLI work (reading a file, an epoch) on one self-rewriting stderr line, only
// when stderr is a terminal: scripts that capture stderr, and --json output on stdout, never
// see it. Updates are throttled to about 5 per second; clear() erases the line before a result
// line is printed. Used on the thread that runs the command (the Trainer's observer callbacks
// run on the caller's thread in the CLI); not thread-safe.
#pragma once

#include "data/CsvReader.h"
#include "train/TrainerObserver.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace layerlab::app::cli {

class Progress {
public:
    /// Enabled when stderr is a terminal (LAYERLAB_PROGRESS=1 forces it on, 0 off).
    Progress();
    ~Progress() { clear(); }
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    bool enabled() const { return m_enabled; }
    /// A CsvReader progress callback that shows "reading FILE: 45% (80 of 178 MB)".
    engine::data::CsvProgress reading(const std::string& file);
    /// "epoch 3/20  45%  ETA 12 s" from a batch report; `batches` per epoch.
    void batch(const engine::train::BatchReport& r, int epochs, std::int64_t batches);
    /// Erases the progress line (no-op when none is shown).
    void clear();

private:
    bool due();
    void show(const std::string& line);

    bool m_enabled = false;
    bool m_shown = false;
    std::chrono::steady_clock::time_point m_last{}, m_started = std::chrono::steady_clock::now();
    std::int64_t m_firstStep = -1;
};

} // namespace layerlab::app::cli
