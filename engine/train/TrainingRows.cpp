#include "TrainingRows.h"

#include "core/Error.h"

#include <algorithm>

namespace layerlab::engine::train {

LossKind defaultLoss(data::ColumnType targetType) {
    switch (targetType) {
    case data::ColumnType::Numeric:
    case data::ColumnType::Date: return LossKind::Mse;
    case data::ColumnType::Auto:
    case data::ColumnType::Boolean:
    case data::ColumnType::Factor:
    case data::ColumnType::Text: return LossKind::SoftmaxCrossEntropy;
    }
    return LossKind::SoftmaxCrossEntropy;
}

bool lossFits(data::ColumnType targetType, LossKind loss) {
    switch (loss) {
    case LossKind::Mse:
    case LossKind::Huber: return targetType == data::ColumnType::Numeric || targetType == data::ColumnType::Date;
    case LossKind::BinaryCrossEntropy: return targetType == data::ColumnType::Boolean;
    case LossKind::SoftmaxCrossEntropy: return targetType != data::ColumnType::Date; // numbers: checked as whole classes at train
    }
    return false;
}

data::TargetKind screeningKind(data::ColumnType targetType, LossKind loss) {
    return isClassification(loss) ? targetKindFor(loss) : targetKindFor(defaultLoss(targetType));
}

data::TargetKind targetKindFor(LossKind loss) {
    switch (loss) {
    case LossKind::SoftmaxCrossEntropy: return data::TargetKind::Classes;
    case LossKind::BinaryCrossEntropy: return data::TargetKind::Binary;
    case LossKind::Mse:
    case LossKind::Huber: return data::TargetKind::Regression;
    }
    return data::TargetKind::Regression;
}

TrainingRows trainingRows(const data::Table& table, const data::Schema& schema, const data::DataSpec& spec,
                          data::TargetKind kind, std::uint64_t seed) {
    TrainingRows t;
    t.usable = data::Preprocessor::usableRows(table, schema, spec, &t.dropped);
    if (t.usable.empty()) throw SpecError(table.source() + ": no usable rows (every row misses the target or a value set to drop)");
    std::vector<int> strata;
    // A window's samples overlap in time: only a sequential split keeps the future out of training.
    const data::SplitKind split = spec.sequence.kind == data::SequenceKind::Window ? data::SplitKind::Sequential : spec.split;
    if (split == data::SplitKind::Stratified) {
        if (kind == data::TargetKind::Regression) throw SpecError("a stratified split needs a class target (use a random split for regression)");
        const auto labels = data::Preprocessor::classLabels(table, schema, kind, t.usable);
        strata.reserve(t.usable.size());
        for (const std::size_t r : t.usable)
            strata.push_back(int(std::find(labels.begin(), labels.end(), table.text(schema.target(), r)) - labels.begin()));
    }
    t.split = data::splitRows(t.usable, split, strata, spec.validation, spec.test, seed);
    return t;
}

} // namespace layerlab::engine::train
