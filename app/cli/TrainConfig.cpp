#include "TrainConfig.h"

#include "DataFlags.h"

#include "core/Error.h"
#include "nn/GraphText.h"

#include <cstdlib>
#include <filesystem>

namespace layerlab::app::cli {

using namespace layerlab::engine;

std::set<std::string> trainValuedFlags() {
    std::set<std::string> valued{"data", "target", "inputs", "hidden", "activation", "loss", "optimizer", "lr", "batch",
                                 "epochs", "seed", "threads", "out", "momentum", "weight-decay", "l1", "l2", "clip",
                                 "schedule", "patience", "dropout", "recurrent", "graph", "checkpoint-every", "checkpoints", "resume"};
    valued.merge(dataFlags());
    return valued;
}

std::set<std::string> trainSwitches() { return {"json", "indicators", "no-header"}; }

// `resumed`: set to the checkpoint --resume names (its run is the base the flags change).
train::ExperimentConfig trainConfig(const ArgParser& a, std::optional<project::CheckpointFile>* resumed) {
    train::ExperimentConfig c;
    bool haveNetwork = false;
    if (!a.positionals().empty()) {
        if (a.positionals().size() > 1) throw UsageError("train takes at most one project file");
        if (a.has("resume")) throw UsageError("--resume continues the run its checkpoint holds: give no project file with it");
        c = project::experimentConfig(project::Project::load(a.positionals()[0]));
        haveNetwork = true;
    }
    if (auto v = a.value("resume")) {
        auto file = project::CheckpointFile::load(*v);
        c = project::experimentConfig(file.project);
        haveNetwork = true;
        if (resumed) *resumed = std::move(file);
    }
    if (auto v = a.value("data")) {
        c.dataPath = c.data.path = *v;
    } else if (haveNetwork && !c.dataPath.empty() && !std::filesystem::exists(c.dataPath)) {
        // The bare "cannot open alternating.csv" would not say that the name came from the project.
        throw FileError(a.positionals().empty() ? *a.value("resume") : a.positionals()[0], 0, 0,
                        "its data file " + c.dataPath + " does not exist (a project's data path is relative to the "
                        "project's folder); move the CSV there or give --data FILE");
    }
    if (auto v = a.value("target")) c.data.target = *v;
    if (a.has("inputs")) c.data.inputs = a.list("inputs");
    if (c.dataPath.empty()) throw UsageError("train needs --data FILE (or a project file)");
    if (c.data.target.empty()) throw UsageError("train needs --target COLUMN (or a project file)");
    applyDataFlags(a, c.data);

    auto& s = c.settings;
    if (auto v = a.value("loss")) {
        const auto k = train::lossFromName(*v);
        if (!k) throw UsageError("--loss: unknown loss \"" + *v + "\" (use ce, bce, mse or huber)");
        s.loss = *k;
    } else if (!haveNetwork) {
        c.lossFromTarget = true; // no project, no --loss: mse for a numeric target, else ce
    }
    if (auto v = a.value("optimizer")) {
        const auto k = train::optimizerFromName(*v);
        if (!k) throw UsageError("--optimizer: unknown optimizer \"" + *v + "\" (use sgd, momentum, nesterov, adam, adamw or rmsprop)");
        s.optimizer.kind = *k;
    }
    if (auto v = a.value("schedule")) {
        const auto k = train::scheduleFromName(*v);
        if (!k) throw UsageError("--schedule: unknown schedule \"" + *v + "\" (use constant, step or cosine)");
        s.schedule.kind = *k;
    }
    if (auto v = a.number("lr", 1e-12, 1e6)) s.optimizer.learningRate = float(*v);
    if (auto v = a.number("momentum", 0, 0.999999)) s.optimizer.momentum = float(*v);
    if (auto v = a.number("weight-decay", 0, 1e6)) s.optimizer.weightDecay = float(*v);
    if (auto v = a.number("l1", 0, 1e6)) s.optimizer.l1 = float(*v);
    if (auto v = a.number("l2", 0, 1e6)) s.optimizer.l2 = float(*v);
    if (auto v = a.number("clip", 0, 1e12)) s.optimizer.clipNorm = float(*v);
    if (auto v = a.integer("batch", 1, 1 << 24)) s.batchSize = int(*v);
    if (auto v = a.integer("epochs", 0, 1 << 30)) s.epochs = int(*v);
    if (auto v = a.integer("seed", 0, (1LL << 53))) s.seed = std::uint64_t(*v);
    if (auto v = a.integer("patience", 0, 1 << 30)) s.patience = int(*v);

    // --recurrent gru:64[:bi][:seq],lstm:32: in front of the dense layers; every recurrent layer but
    // the last passes all its steps on (a stack reads sequences), the last its final state unless :seq.
    std::vector<nn::LayerSpec> recurrentLayers;
    if (a.has("recurrent")) {
        for (const auto& item : a.list("recurrent")) {
            std::vector<std::string> parts;
            for (std::size_t at = 0;;) {
                const std::size_t colon = item.find(':', at);
                parts.push_back(item.substr(at, colon == std::string::npos ? std::string::npos : colon - at));
                if (colon == std::string::npos) break;
                at = colon + 1;
            }
            const auto cell = nn::cellFromName(parts[0]);
            if (!cell || parts.size() < 2)
                throw UsageError("--recurrent: \"" + item + "\" is not CELL:UNITS[:bi][:seq] with CELL rnn, gru or lstm");
            const long long units = std::atoll(parts[1].c_str());
            if (units < 1 || units > (1 << 16) || std::to_string(units) != parts[1])
                throw UsageError("--recurrent: \"" + parts[1] + "\" is not a number of units");
            nn::LayerSpec l = nn::LayerSpec::recurrent(*cell, int(units));
            for (std::size_t i = 2; i < parts.size(); ++i) {
                if (parts[i] == "bi") l.bidirectional = true;
                else if (parts[i] == "seq") l.sequences = true;
                else throw UsageError("--recurrent: unknown option \"" + parts[i] + "\" (use bi or seq)");
            }
            if (!recurrentLayers.empty()) recurrentLayers.back().sequences = true;
            recurrentLayers.push_back(l);
        }
    }
    if (a.has("graph")) {
        for (const char* chainFlag : {"hidden", "activation", "recurrent", "dropout"})
            if (a.has(chainFlag))
                throw UsageError(std::string("--graph and --") + chainFlag + " both describe the network: write it in --graph alone");
        try {
            c.network = nn::parseGraph(*a.value("graph"));
        } catch (const SpecError& e) {
            throw UsageError(std::string("--graph: ") + e.what());
        }
        return c;
    }
    if (a.has("hidden") || a.has("activation") || a.has("recurrent") || !haveNetwork) {
        std::vector<int> hidden;
        // "--hidden 0" means no hidden layer at all (a linear / logistic model).
        const bool none = a.value("hidden") && *a.value("hidden") == "0";
        const auto items = none ? std::vector<std::string>{} : a.has("hidden") ? a.list("hidden") : std::vector<std::string>{"16"};
        for (const auto& h : items) {
            const auto n = std::atoll(h.c_str());
            if (n < 1 || n > (1 << 20) || std::to_string(n) != h) throw UsageError("--hidden: \"" + h + "\" is not a layer width");
            hidden.push_back(int(n));
        }
        const std::string actName = a.value("activation").value_or("relu");
        const auto act = nn::activationFromName(actName);
        if (!act) throw UsageError("--activation: unknown activation \"" + actName + "\" (use " + nn::activationNames() + ")");
        c.network = nn::NetworkSpec::mlp(0, hidden, *act, 0);
        c.network.layers.insert(c.network.layers.begin(), recurrentLayers.begin(), recurrentLayers.end());
        if (auto v = a.number("dropout", 0, 0.99); v && *v > 0) {
            std::vector<nn::LayerSpec> layers;
            for (const auto& l : c.network.layers) {
                layers.push_back(l);
                if (l.type == nn::LayerType::Activation) layers.push_back(nn::LayerSpec::dropout(float(*v)));
            }
            c.network.layers = layers;
        }
    }
    return c;
}

} // namespace layerlab::app::cli
