// One neuron in full, beside the network (TensorFlow Playground shows a hovered neuron's map
// large; our thumbnails were 22 px): which neuron, its value on the sample row, its own map over
// the map's two columns, and its incoming weights by size with the neurons they come from.
// Filled from what the canvas already shows (NetworkScene::describeNeuron); no work of its own.
// Threading: GUI thread.
#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QTableWidget;

namespace layerlab::widgets::views {

struct NeuronDetail {
    int layerId = -1;           ///< canvas node id (0 = the input); -1 = none chosen
    int neuron = -1;            ///< 0-based
    QString layer;              ///< "Dense · 16 · relu"
    QString name;               ///< "neuron 3", or the input's "shooter=Stephen Curry"
    std::optional<float> value; ///< on the sample row, when a run is shown
    QImage map;                 ///< its output over the map's axes (small: drawn scaled up)
    QString mapAxes;            ///< "x: loc_x, y: loc_y"
    struct Weight {
        QString from;
        float weight = 0.0f;
    };
    std::vector<Weight> incoming; ///< every incoming weight, in input order
};

class NeuronView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMapPixels = 220;
    static constexpr int kMaxWeights = 24; ///< the largest by size; the rest are summarised

    explicit NeuronView(QWidget* parent = nullptr);
    void setDetail(NeuronDetail detail);
    void clear();
    const NeuronDetail& detail() const { return m_detail; }
    /// What the panel says (for tests): title, value line, map caption, weight rows "from: w".
    QString titleText() const;
    QString valueText() const;
    QStringList weightRows() const;
    const QImage& mapImage() const { return m_shownMap; }

private:
    NeuronDetail m_detail;
    QLabel* m_title;
    QLabel* m_value;
    QLabel* m_map;
    QLabel* m_mapCaption;
    QLabel* m_weightsCaption;
    QTableWidget* m_weights;
    QImage m_shownMap;
};

} // namespace layerlab::widgets::views
