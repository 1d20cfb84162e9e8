// The runs a project keeps (issue 21), in a folder beside the project file: `NAME.runs/` for
// `NAME.layerlab`. `index.json` is the run table (one entry per run: its settings as a project,
// its figures, where it came from); each run's record (model and curves) is `run-ID.json`, and its
// checkpoints live in `checkpoints/ID/`. The table is small and read whole; a record is read only
// when its run is opened. Every write is atomic (a crash leaves the old index), and a record is
// written before the index names it.
// Threading: one RunStore per thread; the GUI writes from its worker, never while reading.
#pragma once

#include "Project.h"
#include "train/RunRecord.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace layerlab::engine::project {

struct RunEntry {
    int id = 0;                    ///< assigned by add(), never reused in this store
    std::string name;              ///< "trial 3", "lr=0.01 hidden=32,16", a user's label
    int parent = 0;                ///< the run it was forked from (0 = none) ...
    int parentEpoch = 0;           ///< ... at this epoch
    int sweep = 0;                 ///< the sweep it belongs to (0 = none)
    Project settings;              ///< the run's data, network and training settings (no kept run)
    std::string outcome;           ///< how it ended: "finished 60 epochs", "killed at epoch 4"
    int epochs = 0, bestEpoch = 0;
    double bestValLoss = 0.0, finalValLoss = 0.0;
    double bestValMetric = 0.0, finalValMetric = 0.0;
    std::string metric;            ///< the metric's name ("accuracy", "rmse")
    double seconds = 0.0, samplesPerSecond = 0.0;
    bool operator==(const RunEntry&) const;
};

class RunStore {
public:
    static constexpr int kVersion = 1;
    /// The store of the project at `projectPath` (created on the first add()).
    static std::string folderFor(const std::string& projectPath);
    /// Opens (or prepares to create) the store in `folder`; throws FileError naming the index
    /// and the bad key when the index is damaged.
    explicit RunStore(std::string folder);

    const std::vector<RunEntry>& entries() const { return m_entries; }
    const RunEntry* entry(int id) const;
    /// Keeps a run: writes its record, then the index. Returns the id it got.
    int add(RunEntry entry, const train::RunRecord& record);
    /// Reads a run's model and curves; throws FileError naming the record file.
    train::RunRecord load(int id) const;
    /// Renames a run (the index only).
    void rename(int id, const std::string& name);
    /// Deletes runs (their records and checkpoints; forks of them keep their own and name the
    /// parent as gone). Returns the bytes freed.
    std::uint64_t remove(const std::vector<int>& ids);
    /// Bytes the runs hold on disk (records and checkpoints), or those of `ids` only.
    std::uint64_t bytes(const std::vector<int>& ids = {}) const;
    const std::string& folder() const { return m_folder; }
    std::string checkpointFolder(int id) const;

private:
    std::string recordPath(int id) const;
    void writeIndex() const;
    std::string m_folder;
    std::vector<RunEntry> m_entries;
    int m_nextId = 1;
};

} // namespace layerlab::engine::project
