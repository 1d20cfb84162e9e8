#include "SweepParameter.h"

#include "core/Error.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace layerlab::engine::train {

namespace {
double number(const std::string& v, SweepParameter p) {
    double d = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
    if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(d))
        throw SpecError(std::string(sweepParameterName(p)) + ": \"" + v + "\" is not a number");
    return d;
}
long long whole(const std::string& v, SweepParameter p, long long lo, long long hi) {
    long long n = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size() || n < lo || n > hi)
        throw SpecError(std::string(sweepParameterName(p)) + ": \"" + v + "\" is not a whole number from " + std::to_string(lo) + " to " +
                        std::to_string(hi));
    return n;
}
} // namespace

std::string_view sweepParameterName(SweepParameter p) {
    switch (p) {
    case SweepParameter::LearningRate: return "lr";
    case SweepParameter::BatchSize: return "batch";
    case SweepParameter::Seed: return "seed";
    case SweepParameter::L2: return "l2";
    case SweepParameter::Optimizer: return "optimizer";
    case SweepParameter::Epochs: return "epochs";
    }
    return "?";
}

void applySweepValue(TrainSettings& s, SweepParameter p, const std::string& value) {
    switch (p) {
    case SweepParameter::LearningRate: {
        const double lr = number(value, p);
        if (!(lr > 0 && lr <= 1e6)) throw SpecError("lr: \"" + value + "\" must be above 0");
        s.optimizer.learningRate = float(lr);
        break;
    }
    case SweepParameter::BatchSize: s.batchSize = int(whole(value, p, 1, 1 << 24)); break;
    case SweepParameter::Seed: s.seed = std::uint64_t(whole(value, p, 0, 1LL << 53)); break;
    case SweepParameter::L2: {
        const double l2 = number(value, p);
        if (!(l2 >= 0)) throw SpecError("l2: \"" + value + "\" must not be negative");
        s.optimizer.l2 = float(l2);
        break;
    }
    case SweepParameter::Optimizer: {
        const auto k = optimizerFromName(value);
        if (!k) throw SpecError("optimizer: \"" + value + "\" is not one of sgd, momentum, nesterov, adam, adamw, rmsprop");
        s.optimizer.kind = *k;
        break;
    }
    case SweepParameter::Epochs: s.epochs = int(whole(value, p, 1, 1 << 30)); break;
    }
}

std::vector<std::string> sweepValues(SweepParameter p, const std::string& text) {
    std::string spaced = text;
    for (char& c : spaced)
        if (c == ',' || c == ';') c = ' ';
    std::istringstream in(spaced);
    std::vector<std::string> values;
    TrainSettings probe;
    for (std::string v; in >> v;) {
        applySweepValue(probe, p, v);
        values.push_back(v);
    }
    if (values.empty()) throw SpecError(std::string(sweepParameterName(p)) + ": give at least one value (\"0.001, 0.01, 0.1\")");
    return values;
}

} // namespace layerlab::engine::train
