#include "TrainSettings.h"

#include "core/Error.h"

#include <cmath>

namespace layerlab::engine::train {
namespace {

float number(const Json& json, const char* key, float fallback) {
    const Json* v = json.find(key);
    return v ? static_cast<float>(v->asNumber(std::string("training.") + key)) : fallback;
}

int integer(const Json& json, const char* key, int fallback, int lo, int hi) {
    const Json* v = json.find(key);
    return v ? static_cast<int>(v->asInt(std::string("training.") + key, lo, hi)) : fallback;
}

} // namespace

Json TrainSettings::toJson() const {
    Json j = Json::object();
    j.set("loss", std::string(lossName(loss)));
    j.set("optimizer", std::string(optimizerName(optimizer.kind)));
    j.set("lr", double(optimizer.learningRate));
    j.set("momentum", double(optimizer.momentum));
    j.set("beta1", double(optimizer.beta1));
    j.set("beta2", double(optimizer.beta2));
    j.set("rho", double(optimizer.rho));
    j.set("epsilon", double(optimizer.epsilon));
    j.set("weight_decay", double(optimizer.weightDecay));
    j.set("l1", double(optimizer.l1));
    j.set("l2", double(optimizer.l2));
    j.set("clip_norm", double(optimizer.clipNorm));
    j.set("schedule", std::string(scheduleName(schedule.kind)));
    j.set("step_every", schedule.stepEvery);
    j.set("gamma", double(schedule.gamma));
    j.set("min_factor", double(schedule.minFactor));
    j.set("batch", batchSize);
    j.set("epochs", epochs);
    j.set("seed", static_cast<std::uint64_t>(seed));
    j.set("patience", patience);
    j.set("restore_best", restoreBest);
    j.set("huber_delta", double(huberDelta));
    j.set("threads", threads);
    return j;
}

TrainSettings TrainSettings::fromJson(const Json& json, TrainSettings s) {
    json.asObject("training");
    if (const Json* v = json.find("loss")) {
        const auto k = lossFromName(v->asString("training.loss"));
        if (!k) throw SpecError("training.loss: unknown loss \"" + v->asString() + "\" (known: ce, bce, mse, huber)");
        s.loss = *k;
    }
    if (const Json* v = json.find("optimizer")) {
        const auto k = optimizerFromName(v->asString("training.optimizer"));
        if (!k)
            throw SpecError("training.optimizer: unknown optimizer \"" + v->asString() +
                            "\" (known: sgd, momentum, nesterov, adam, adamw, rmsprop)");
        s.optimizer.kind = *k;
    }
    if (const Json* v = json.find("schedule")) {
        const auto k = scheduleFromName(v->asString("training.schedule"));
        if (!k) throw SpecError("training.schedule: unknown schedule \"" + v->asString() + "\" (known: constant, step, cosine)");
        s.schedule.kind = *k;
    }
    auto& o = s.optimizer;
    o.learningRate = number(json, "lr", o.learningRate);
    o.momentum = number(json, "momentum", o.momentum);
    o.beta1 = number(json, "beta1", o.beta1);
    o.beta2 = number(json, "beta2", o.beta2);
    o.rho = number(json, "rho", o.rho);
    o.epsilon = number(json, "epsilon", o.epsilon);
    o.weightDecay = number(json, "weight_decay", o.weightDecay);
    o.l1 = number(json, "l1", o.l1);
    o.l2 = number(json, "l2", o.l2);
    o.clipNorm = number(json, "clip_norm", o.clipNorm);
    s.schedule.stepEvery = integer(json, "step_every", s.schedule.stepEvery, 1, 1 << 30);
    s.schedule.gamma = number(json, "gamma", s.schedule.gamma);
    s.schedule.minFactor = number(json, "min_factor", s.schedule.minFactor);
    s.batchSize = integer(json, "batch", s.batchSize, 1, 1 << 24);
    s.epochs = integer(json, "epochs", s.epochs, 0, 1 << 30);
    if (const Json* v = json.find("seed")) s.seed = static_cast<std::uint64_t>(v->asInt("training.seed", 0, (std::int64_t(1) << 53)));
    s.patience = integer(json, "patience", s.patience, 0, 1 << 30);
    if (const Json* v = json.find("restore_best")) s.restoreBest = v->asBool("training.restore_best");
    s.huberDelta = number(json, "huber_delta", s.huberDelta);
    s.threads = integer(json, "threads", s.threads, 0, 4096);
    s.validate();
    return s;
}

void TrainSettings::validate() const {
    const auto& o = optimizer;
    if (!(o.learningRate > 0.0f) || !std::isfinite(o.learningRate)) throw SpecError("learning rate must be a positive number");
    if (batchSize < 1) throw SpecError("batch size must be at least 1");
    if (epochs < 0) throw SpecError("epochs must not be negative");
    if (!(o.momentum >= 0.0f && o.momentum < 1.0f)) throw SpecError("momentum must be in [0, 1)");
    if (!(o.beta1 >= 0.0f && o.beta1 < 1.0f) || !(o.beta2 >= 0.0f && o.beta2 < 1.0f)) throw SpecError("beta1 and beta2 must be in [0, 1)");
    if (!(o.rho >= 0.0f && o.rho < 1.0f)) throw SpecError("rho must be in [0, 1)");
    if (!(o.epsilon > 0.0f)) throw SpecError("epsilon must be positive");
    if (!(o.l1 >= 0.0f) || !(o.l2 >= 0.0f) || !(o.weightDecay >= 0.0f)) throw SpecError("l1, l2 and weight decay must not be negative");
    if (!(o.clipNorm >= 0.0f)) throw SpecError("clip norm must not be negative (0 = off)");
    if (!(schedule.gamma > 0.0f)) throw SpecError("schedule gamma must be positive");
    if (!(schedule.minFactor >= 0.0f && schedule.minFactor <= 1.0f)) throw SpecError("schedule min_factor must be in [0, 1]");
    if (!(huberDelta > 0.0f)) throw SpecError("huber delta must be positive");
}

} // namespace layerlab::engine::train
