// The layerlab-cli subcommands. Each returns the process exit code (see ExitCode) and writes
// results to `out`; errors are thrown and reported once by main().
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace layerlab::app::cli {

/// Exit codes scripts can rely on.
enum ExitCode : int {
    kOk = 0,
    kInternalError = 1, ///< a bug: please report
    kUsage = 2,         ///< bad flags or arguments
    kInputError = 3,    ///< unreadable or malformed data, project or model file
    kTrainingFailed = 4, ///< training stopped on a non-finite value, or a model's output is not finite
    kNonFinite = 4,      ///< the same code, named for predict/evaluate/train's final check
    kCannotExport = 5    ///< the export format cannot represent this model (nothing written)
};

int runTrain(const std::vector<std::string>& args, std::ostream& out);
int runEvaluate(const std::vector<std::string>& args, std::ostream& out);
int runPredict(const std::vector<std::string>& args, std::ostream& out);
int runExport(const std::vector<std::string>& args, std::ostream& out);
int runData(const std::vector<std::string>& args, std::ostream& out);
int runCheck(const std::vector<std::string>& args, std::ostream& out);
int runSweep(const std::vector<std::string>& args, std::ostream& out);

} // namespace layerlab::app::cli
