// libFuzzer target for the held-out metrics and the Judge's figures: any outputs, NaN, ±inf,
// ties and huge values included, must give a report (never a hang, a crash or a NaN sort) whose
// figures stay in range. Found by hand once: a NaN score made rocAuc's tie walk spin forever.
#include "train/Judgement.h"
#include "train/Metrics.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace {

void require(bool ok) {
    if (!ok) __builtin_trap();
}

// Floats from the input, with a few byte values mapped to the awkward ones so the fuzzer meets
// them often: NaN, ±inf, ±FLT_MAX, 0, and exact ties.
float pick(const std::uint8_t* p) {
    switch (p[0] % 16) {
    case 0: return std::numeric_limits<float>::quiet_NaN();
    case 1: return std::numeric_limits<float>::infinity();
    case 2: return -std::numeric_limits<float>::infinity();
    case 3: return std::numeric_limits<float>::max();
    case 4: return -std::numeric_limits<float>::max();
    case 5: return 0.0f;
    case 6: return float(p[1] % 4); // ties
    default: {
        float f = 0.0f;
        std::memcpy(&f, p, sizeof f);
        return f;
    }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace layerlab::engine;
    if (size < 2) return 0;
    const int classes = 2 + data[0] % 4;
    const int mode = data[1] % 3; // ce, bce, mse
    data += 2;
    size -= 2;
    const int cols = mode == 0 ? classes : 1;
    const auto rows = Eigen::Index(size / (4 * std::size_t(cols) + 1));
    if (rows == 0) return 0;
    Matrix logits(rows, cols), targets(rows, 1);
    for (Eigen::Index r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c, data += 4) logits(r, c) = pick(data);
        const std::uint8_t t = *data++;
        targets(r, 0) = mode == 2 ? float(t) - 128.0f : float(t % (mode == 1 ? 2 : classes));
    }
    const auto loss = mode == 0 ? train::LossKind::SoftmaxCrossEntropy
                      : mode == 1 ? train::LossKind::BinaryCrossEntropy
                                  : train::LossKind::Mse;
    const int k = mode == 2 ? 0 : mode == 1 ? 2 : classes;
    const ConstMatrixMap l(logits.data(), rows, cols), t(targets.data(), rows, 1);
    const auto m = train::computeMetrics(loss, l, t, k);
    require(m.rows == std::size_t(rows) && m.nonFinite <= m.rows);
    if (mode != 2) {
        require(m.accuracy >= 0.0 && m.accuracy <= 1.0);
        require(m.baselineAccuracy > 0.0 && m.baselineAccuracy <= 1.0);
        require(std::isnan(m.auc) || (m.auc >= 0.0 && m.auc <= 1.0));
    }
    (void)m.toJson().dump(-1);
    const auto j = train::Judgement::compute(loss, l, t, k, 1.0f, 8);
    require(j.worst.size() == std::min<std::size_t>(8, std::size_t(rows)));
    for (const auto& p : j.roc)
        require(p.falsePositiveRate >= 0.0f && p.falsePositiveRate <= 1.0f && p.truePositiveRate >= 0.0f && p.truePositiveRate <= 1.0f);
    return 0;
}
