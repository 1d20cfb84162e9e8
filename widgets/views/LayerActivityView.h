// Inside one layer: a heatmap of its neurons' outputs over a batch of validation rows (neurons
// down, rows across) and a histogram of those outputs. A ReLU layer's neurons that output zero on
// every row of the batch are called out as dead: they no longer learn.
// Threading: GUI thread; the values come from an inspection job.
#pragma once

#include "core/Tensor.h"

#include <QImage>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;

namespace layerlab::widgets::views {

struct LayerBatch {
    QString name;          ///< "Dense 2 (16, relu)"
    engine::Matrix values; ///< [rows × neurons]
    bool relu = false;     ///< a ReLU output: flag dead neurons
};

class LayerActivityView : public QWidget {
    Q_OBJECT
public:
    explicit LayerActivityView(QWidget* parent = nullptr);
    void setLayers(std::vector<LayerBatch> layers);
    /// Shows layer `index` of the list (follows the canvas selection).
    void showLayer(int index);
    int deadNeurons() const { return m_dead; }
    const QImage& heatmap() const { return m_heatmap; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void rebuild();

    QComboBox* m_layer;
    QLabel* m_summary;
    std::vector<LayerBatch> m_layers;
    QImage m_heatmap;
    std::vector<int> m_histogram;
    double m_lo = 0, m_hi = 1;
    int m_dead = 0;
};

} // namespace layerlab::widgets::views
