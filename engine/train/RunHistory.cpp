#include "RunHistory.h"

#include "core/Error.h"

#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

namespace layerlab::engine::train {

namespace {

template <class T> void moveAppend(std::vector<T>& to, std::vector<T>& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// JSON has no NaN: epochs without validation store null.
Json number(double v) { return std::isfinite(v) ? Json(v) : Json(); }
double number(const Json& j, std::string_view what) {
    return j.isNull() ? std::numeric_limits<double>::quiet_NaN() : j.asNumber(what);
}

std::string shortText(const Json& j) {
    if (!j.isNumber()) return j.dump(-1);
    std::ostringstream s;
    s << std::setprecision(6) << j.asNumber();
    return s.str();
}

} // namespace

void RunHistory::append(RunHistory&& more) {
    moveAppend(epochs, more.epochs);
    moveAppend(stepLoss, more.stepLoss);
    moveAppend(stepEpoch, more.stepEpoch);
    moveAppend(markers, more.markers);
    more.clear();
}

void RunHistory::clear() {
    epochs.clear();
    stepLoss.clear();
    stepEpoch.clear();
    markers.clear();
}

Json RunHistory::toJson() const {
    Json cols = Json::object();
    auto column = [&](const char* key, auto get) {
        Json a = Json::array();
        for (const EpochReport& e : epochs) a.push(number(get(e)));
        cols.set(key, std::move(a));
    };
    column("epoch", [](const EpochReport& e) { return double(e.epoch); });
    column("step", [](const EpochReport& e) { return double(e.step); });
    column("train_loss", [](const EpochReport& e) { return e.trainLoss; });
    column("val_loss", [](const EpochReport& e) { return e.valLoss; });
    column("val_metric", [](const EpochReport& e) { return e.valMetric; });
    column("samples_per_second", [](const EpochReport& e) { return e.samplesPerSecond; });
    column("lr", [](const EpochReport& e) { return double(e.learningRate); });
    Json marks = Json::array();
    for (const auto& m : markers) {
        Json o = Json::object();
        o.set("step", m.step);
        o.set("epoch", m.epoch);
        o.set("text", m.text);
        marks.push(std::move(o));
    }
    Json j = Json::object();
    j.set("epochs", std::move(cols));
    j.set("markers", std::move(marks));
    return j; // per-step losses are not kept in files: they are large and the epochs tell the story
}

RunHistory RunHistory::fromJson(const Json& json) {
    RunHistory h;
    const Json& cols = json.at("epochs");
    const auto& epoch = cols.at("epoch").asArray("epochs.epoch");
    h.epochs.resize(epoch.size());
    auto values = [&](const char* key) -> const Json::Array& {
        const auto& a = cols.at(key).asArray(key);
        if (a.size() != epoch.size()) throw SpecError(std::string("run history: \"") + key + "\" has " +
                                                      std::to_string(a.size()) + " values, \"epoch\" has " + std::to_string(epoch.size()));
        return a;
    };
    auto column = [&](const char* key, auto set) {
        const auto& a = values(key);
        for (std::size_t i = 0; i < a.size(); ++i) set(h.epochs[i], number(a[i], key));
    };
    const auto& steps = values("step");
    for (std::size_t i = 0; i < epoch.size(); ++i) {
        h.epochs[i].epoch = int(epoch[i].asInt("epochs.epoch", 0, 1'000'000'000));
        h.epochs[i].step = steps[i].asInt("epochs.step", 0, std::int64_t(1) << 53);
    }
    column("train_loss", [](EpochReport& e, double v) { e.trainLoss = v; });
    column("val_loss", [](EpochReport& e, double v) { e.valLoss = v; });
    column("val_metric", [](EpochReport& e, double v) { e.valMetric = v; });
    column("samples_per_second", [](EpochReport& e, double v) { e.samplesPerSecond = v; });
    column("lr", [](EpochReport& e, double v) { e.learningRate = std::isfinite(v) && std::abs(v) < 1e30 ? float(v) : NAN; });
    if (const Json* marks = json.find("markers"))
        for (const Json& m : marks->asArray("markers"))
            h.markers.push_back({m.at("step").asInt("markers.step", 0, std::int64_t(1) << 53),
                                 m.at("epoch").asNumber("markers.epoch"), m.at("text").asString("markers.text")});
    return h;
}

std::string describeSettingsChange(const TrainSettings& before, const TrainSettings& after) {
    const Json a = before.toJson(), b = after.toJson();
    std::string out;
    for (const auto& [key, value] : b.asObject()) {
        const Json* old = a.find(key);
        if (old && *old == value) continue;
        if (!out.empty()) out += ", ";
        out += key + " " + (old ? shortText(*old) : std::string("?")) + " → " + shortText(value);
    }
    return out;
}

} // namespace layerlab::engine::train
