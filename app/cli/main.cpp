// layerlab-cli: train, evaluate and predict from the command line. A thin client of the engine.
#include "ArgParser.h"
#include "Commands.h"

#include "ExportError.h"
#include "core/Error.h"
#include "nn/Kernels.h"

#include <algorithm>
#include <iostream>

namespace {

const char* kHelp = R"HELP(usage: layerlab-cli COMMAND [ARGS]

commands:
  train [PROJECT.layerlab] [flags]   train a network; flags override the project
      --data FILE --target COL [--inputs a,b,c] [--hidden 64,64 | 0] [--activation relu]
      [--loss ce|bce|mse|huber] [--optimizer sgd|momentum|nesterov|adam|adamw|rmsprop]
      [--lr 0.01] [--batch 32] [--epochs 20] [--seed 1] [--threads N]
      [--validation 0.2] [--test 0.2] [--momentum 0.9] [--weight-decay 0.01] [--l1 0] [--l2 0]
      [--clip NORM] [--schedule constant|step|cosine] [--patience N] [--dropout RATE]
      [--recurrent CELL:UNITS[:bi][:seq],...]  rnn|gru|lstm layers before the dense ones
      [--graph "h1=dense(64,relu)(input); h2=dense(64,relu)(h1); s=add(h1,h2); n=layernorm(s)"]
                                   any graph instead of --hidden: NAME=OP(PARAMS)(INPUTS); ops dense(units[,act]),
                                   activation(kind), dropout(rate), batchnorm(), layernorm(), add(a,b,..),
                                   concat(a,b,..), rnn|gru|lstm(units[,bi][,seq]), embedding(dims);
                                   input[COL,...] a group of input columns; the output layer follows
      no --loss: mse for a numeric target, ce for labels, factors and booleans
      [--out model.llmodel] [--json]
      [--checkpoint-every K --checkpoints DIR]  every K epochs, DIR/epoch-NNNN.llckpt: the whole
                                   run's state (weights, optimizer moments, generator, best epoch)
      [--resume FILE.llckpt [--epochs N] [flags]]  continue a checkpoint's run; with unchanged
                                   settings it ends with exactly the weights of the run never
                                   stopped (any thread count); changed settings make it a fork,
                                   recorded in the model's provenance (forked_from)
  sweep [PROJECT.layerlab] [train flags] --out DIR   many trains, compared
      --grid NAME=V1,V2,...        a train flag's values (repeatable: every combination);
                                   ';' separates values with commas: --grid hidden=16;32,16
      [--random N --range NAME=LO:HI[:log]]  N trials drawing each range (log scale with :log)
                                   and a value of each --grid at random (--sweep-seed S, default 1)
      [--parallel K]               trials at once (default 1), each in its own thread pool of
      [--threads T]                T threads (default 1)
      [--max-trials M]             refuse a plan of more trials (default 1000)
      [--json]                     one line per finished trial: trial, settings, args (the train
                                   flags that rebuild it bit for bit), seed, epochs, best_epoch,
                                   validation, test, model (DIR/trial-NNNN.llmodel), seconds; a
                                   failed trial has "error"; then {"final": true, "best": {...}}
                                   (lowest validation loss)
    data flags (train and data inspect):
      [--factors a,b] [--numeric c,d] [--boolean col[=TRUE_VALUE]] [--dates col] [--ignore a,b]
      [--derive NAME=FORMULA]... e.g. --derive "dist=sqrt(x^2+y^2)"  (muParser syntax)
      [--missing drop|mean|median|mode|constant] [--fill COL=VALUE] [--indicators]
      [--scaling zscore|minmax|none] [--encoding onehot|embedding] [--min-count N]
      [--split random|stratified|sequential] [--delimiter C|tab] [--no-header] [--ragged error|pad|skip]
      [--characters COL[:LENGTH]]  read a text column character by character (padded, masked)
      [--window N]                 the last N rows predict the next row's target (sequential split)
  evaluate MODEL DATA.csv [--json] [--keep-going]
                                     metrics of a saved model on labelled data
  predict MODEL DATA.csv [--out F] [--keep-going]
                                     one prediction row per input row (CSV); a row whose output
                                     is NaN/inf is an error naming its line (exit 4, nothing
                                     written) unless --keep-going, which leaves its cells empty
  export MODEL --format onnx|c|json --out FILE
                                     the model with its preprocessing: ONNX (raw columns in),
                                     a standalone C99 header, or documented JSON (docs/export.md)
  check PROJECT [--json]             the design problems the canvas marks (the same rules) and
                                     the columns the input screen flags; exit 3 on any error
  data show FILE [--rows N] [--json] the parsed rows, each cell exactly as read
  data inspect FILE [--json]         inferred type and statistics of every column (takes the
                                     CSV and type flags and --derive; the fitting flags are train's)
      [--target COL [--inputs ...] [--split/--validation/--test/--seed]]  also mark target
                                     leaks ("leak": true, "leak_reason") and row ids, as train does
  (FILE may be .csv or .csv.gz)

environment:
  LAYERLAB_TILES=1|2|4|8             the most tiles a large matrix product is cut into (default
                                     8). Weights are the same bits at any --threads; across
                                     limits they may differ in the last bits (AVX-512 CPUs);
                                     fewer tiles are a few % faster on one thread, slower on several
  LAYERLAB_PROGRESS=0|1              progress of reading and of each epoch on stderr (default:
                                     only when stderr is a terminal; never on stdout)

exit codes: 0 ok, 2 usage error, 3 bad input file (or --out cannot be written, checked first),
            4 training hit NaN/Inf or the model's output is not finite on some rows,
            5 the export format cannot represent the model, 1 internal error
)HELP";

} // namespace

int main(int argc, char** argv) {
    using namespace layerlab::app::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kHelp;
        return args.empty() ? kUsage : kOk;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    // `layerlab-cli train --help` (any known command): the help, exit 0, nothing run.
    static const char* const kCommands[] = {"train", "sweep", "evaluate", "predict", "data", "export", "check"};
    const bool known = std::find(std::begin(kCommands), std::end(kCommands), command) != std::end(kCommands);
    if (known && std::find_if(args.begin(), args.end(), [](const std::string& a) { return a == "--help" || a == "-h"; }) != args.end()) {
        std::cout << kHelp;
        return kOk;
    }
    try {
        layerlab::engine::nn::tileLimit(); // a bad LAYERLAB_TILES is a usage error, before any work
    } catch (const layerlab::engine::Error& e) {
        std::cerr << "layerlab-cli: " << e.what() << '\n';
        return kUsage;
    }
    try {
        if (command == "train") return runTrain(args, std::cout);
        if (command == "sweep") return runSweep(args, std::cout);
        if (command == "evaluate") return runEvaluate(args, std::cout);
        if (command == "predict") return runPredict(args, std::cout);
        if (command == "data") return runData(args, std::cout);
        if (command == "export") return runExport(args, std::cout);
        if (command == "check") return runCheck(args, std::cout);
        throw UsageError("unknown command \"" + command + "\" (use train, sweep, evaluate, predict, export, check or data; --help for more)");
    } catch (const UsageError& e) {
        std::cerr << "layerlab-cli: " << e.what() << '\n';
        return kUsage;
    } catch (const layerlab::exporters::ExportError& e) {
        std::cerr << "layerlab-cli: cannot export: " << e.what() << '\n';
        return kCannotExport;
    } catch (const layerlab::engine::Error& e) {
        std::cerr << "layerlab-cli: error: " << e.what() << '\n';
        return kInputError;
    } catch (const std::exception& e) {
        std::cerr << "layerlab-cli: internal error: " << e.what() << '\n';
        return kInternalError;
    }
}
