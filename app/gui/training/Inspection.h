// What the live views get from the inspection jobs: immutable results, built on pool threads from
// one parameter snapshot and shared with the GUI by pointer (STYLE.md 6).
#pragma once

#include "core/Tensor.h"
#include "model/DecisionMap.h"
#include "model/StepTrace.h"
#include "train/Judgement.h"
#include "train/RunMonitor.h"

#include <QHash>
#include <QImage>
#include <QList>
#include <QStringList>

#include <memory>
#include <vector>

namespace layerlab::app::training {

/// Every layer's output for one sample and for a batch of validation rows.
struct Activity {
    std::shared_ptr<const engine::train::ParameterSnapshot> parameters;
    std::size_t sampleRow = 0;                       ///< table row
    std::vector<float> input;                        ///< the sample's encoded inputs
    std::vector<std::vector<float>> sample;          ///< per spec layer: one value per neuron
    std::vector<engine::Matrix> batch;               ///< per spec layer: [rows × width]
    std::vector<engine::nn::ParameterView> views;    ///< where each layer's weights sit in parameters
    engine::model::StepTrace trace;                  ///< recurrent networks: the sample step by step
    std::vector<std::string> stepLabels;             ///< what each step read ("b", "a", … or "t-6" … "t")
};

/// The output map with the training points drawn on it, and per-neuron thumbnails.
struct MapPicture {
    std::int64_t step = 0;
    engine::model::MapAxes axes;
    QImage image;                                    ///< output surface + points, y up
    QHash<int, QList<QImage>> neurons;               ///< spec layer index → thumbnail per neuron
    QString legend;                                  ///< what the colours mean
};

/// The Judge view's figures on the validation (or test) rows.
struct Verdict {
    std::int64_t step = 0;
    int bestEpoch = 0;                               ///< > 0: the run's restored best weights
    bool onTest = false;
    engine::train::Judgement judgement;
    std::vector<std::size_t> tableRows;              ///< judged row k came from table row tableRows[k]
    QStringList classes;                             ///< class labels (classification)
    QString target;
};

} // namespace layerlab::app::training
