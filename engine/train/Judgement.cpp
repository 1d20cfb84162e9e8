#include "Judgement.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace layerlab::engine::train {

std::vector<RocPoint> rocCurve(std::span<const float> scores, std::span<const int> positive) {
    std::vector<RocPoint> curve{{0.0f, 0.0f}};
    // A NaN score has no rank (sorting it is undefined, the tie walk would not advance): no curve.
    if (std::any_of(scores.begin(), scores.end(), [](float s) { return std::isnan(s); })) return curve;
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    const auto pos = double(std::count_if(positive.begin(), positive.end(), [](int p) { return p != 0; }));
    const double neg = double(scores.size()) - pos;
    if (pos == 0 || neg == 0) return curve;
    double tp = 0, fp = 0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        for (; j < order.size() && scores[order[j]] == scores[order[i]]; ++j) (positive[order[j]] ? tp : fp) += 1;
        curve.push_back({float(fp / neg), float(tp / pos)});
        i = j;
    }
    return curve;
}

namespace {

double rowLoss(LossKind loss, ConstMatrixMap logits, ConstMatrixMap targets, Eigen::Index r, int* predicted) {
    if (loss == LossKind::BinaryCrossEntropy) {
        const double z = logits(r, 0), y = targets(r, 0);
        *predicted = z > 0 ? 1 : 0;
        return std::max(z, 0.0) - z * y + std::log1p(std::exp(-std::abs(z))); // stable log-loss
    }
    if (loss == LossKind::SoftmaxCrossEntropy) {
        Eigen::Index best = 0;
        const double top = logits.row(r).maxCoeff(&best);
        *predicted = int(best);
        double sum = 0;
        for (Eigen::Index c = 0; c < logits.cols(); ++c) sum += std::exp(double(logits(r, c)) - top);
        const auto t = std::clamp<Eigen::Index>(Eigen::Index(targets(r, 0)), 0, logits.cols() - 1);
        return -(double(logits(r, t)) - top - std::log(sum));
    }
    *predicted = 0;
    const double d = double(logits(r, 0)) - targets(r, 0);
    return d * d;
}

} // namespace

Judgement Judgement::compute(LossKind loss, ConstMatrixMap logits, ConstMatrixMap targets, int classes,
                             float huberDelta, std::size_t worstCount) {
    Judgement j;
    j.metrics = computeMetrics(loss, logits, targets, classes, huberDelta);
    const auto rows = std::size_t(logits.rows());
    std::vector<double> losses(rows);
    std::vector<int> predicted(rows);
    for (std::size_t r = 0; r < rows; ++r) losses[r] = rowLoss(loss, logits, targets, Eigen::Index(r), &predicted[r]);
    std::vector<std::size_t> order(rows);
    std::iota(order.begin(), order.end(), std::size_t(0));
    const std::size_t keep = std::min(worstCount, rows);
    std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(keep), order.end(),
                      [&](std::size_t a, std::size_t b) {
                          // A total order even over NaN (a row whose output is not a number is the
                          // worst of all); ties by row, so the list is the same on every run.
                          const bool nanA = std::isnan(losses[a]), nanB = std::isnan(losses[b]);
                          if (nanA != nanB) return nanA;
                          if (!nanA && losses[a] != losses[b]) return losses[a] > losses[b];
                          return a < b;
                      });
    for (std::size_t i = 0; i < keep; ++i) {
        j.worst.push_back(order[i]);
        j.worstLoss.push_back(losses[order[i]]);
        j.worstPredicted.push_back(predicted[order[i]]);
    }
    const double n = double(std::max<std::size_t>(rows, 1));
    if (!j.metrics.classification) {
        for (std::size_t r = 0; r < rows; ++r) {
            j.predicted.push_back(logits(Eigen::Index(r), 0));
            j.actual.push_back(targets(Eigen::Index(r), 0));
        }
        j.baselineRmse = j.metrics.baselineRmse;
        j.baselineMae = j.metrics.baselineMae;
        j.baselineLoss = j.metrics.baselineLoss;
        j.beatsBaseline = j.metrics.compareWithBaseline().all();
        return j;
    }
    const auto& cm = j.metrics.confusion;
    const std::size_t k = cm.size();
    std::vector<std::int64_t> support(k, 0), predictedCount(k, 0);
    for (std::size_t t = 0; t < k; ++t)
        for (std::size_t p = 0; p < k; ++p) {
            support[t] += cm[t][p];
            predictedCount[p] += cm[t][p];
        }
    const std::size_t majority = std::size_t(std::max_element(support.begin(), support.end()) - support.begin());
    for (std::size_t c = 0; c < k; ++c) {
        ClassScores s;
        s.support = support[c];
        s.precision = predictedCount[c] ? double(cm[c][c]) / double(predictedCount[c]) : 0.0;
        s.recall = support[c] ? double(cm[c][c]) / double(support[c]) : 0.0;
        s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
        if (c == majority && rows) {
            const double p = double(support[c]) / n; // precision of always-majority; recall 1
            s.baselinePrecision = p;
            s.baselineRecall = 1.0;
            s.baselineF1 = 2 * p / (p + 1);
        }
        j.classes.push_back(s);
    }
    j.baselineLoss = j.metrics.baselineLoss;
    if (k == 2) {
        std::vector<float> scores(rows);
        std::vector<int> positive(rows);
        for (std::size_t r = 0; r < rows; ++r) {
            const auto i = Eigen::Index(r);
            scores[r] = loss == LossKind::BinaryCrossEntropy ? logits(i, 0) : logits(i, 1) - logits(i, 0);
            positive[r] = targets(i, 0) == 1.0f;
        }
        j.roc = rocCurve(scores, positive);
    } else if (k > 2 && logits.cols() == Eigen::Index(k)) {
        // One-vs-rest: class c's log-probability ranks "is it c" (the softmax's common shift cancels
        // within a row, so the logit minus the row's log-sum-exp, not the raw logit).
        std::vector<float> scores(rows);
        std::vector<int> positive(rows);
        std::vector<double> logSum(rows);
        for (std::size_t r = 0; r < rows; ++r) {
            const auto i = Eigen::Index(r);
            const double top = double(logits.row(i).maxCoeff());
            double sum = 0;
            for (Eigen::Index c = 0; c < logits.cols(); ++c) sum += std::exp(double(logits(i, c)) - top);
            logSum[r] = top + std::log(sum);
        }
        for (std::size_t c = 0; c < k; ++c) {
            for (std::size_t r = 0; r < rows; ++r) {
                const auto i = Eigen::Index(r);
                scores[r] = float(double(logits(i, Eigen::Index(c))) - logSum[r]);
                positive[r] = targets(i, 0) == float(c);
            }
            j.rocOneVsRest.push_back(rocCurve(scores, positive));
            j.aucOneVsRest.push_back(rocAuc(scores, positive));
        }
    }
    j.beatsBaseline = j.metrics.compareWithBaseline().all();
    return j;
}

} // namespace layerlab::engine::train
