// The Playground-style map: pick two numeric columns (raw or derived) and a reference row for
// every other input; shows the network's output over the two columns' range with the training
// points on top. Emits axesChosen() on a change; the image arrives from an off-thread job.
// Threading: GUI thread.
#pragma once

#include <QImage>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace layerlab::widgets::views {

class DecisionMapView : public QWidget {
    Q_OBJECT
public:
    explicit DecisionMapView(QWidget* parent = nullptr);
    /// Columns offered for the axes (numeric table columns), the two chosen first, and the row count.
    void setColumns(const QStringList& columns, const QString& x, const QString& y, int rows);
    /// The picture for axes x/y with their ranges, and what its colours mean.
    void setImage(const QImage& image, double xMin, double xMax, double yMin, double yMax, const QString& legend);
    QString xColumn() const;
    QString yColumn() const;
    int referenceRow() const;
    bool neuronMaps() const;
    const QImage& image() const { return m_image; }
    /// Back to the empty view: no columns, no picture (another project, or a reset run).
    void clear();
    QString legend() const;

Q_SIGNALS:
    void axesChosen();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QRect imageRect() const;

    QComboBox* m_x;
    QComboBox* m_y;
    QSpinBox* m_row;
    QCheckBox* m_neurons;
    QLabel* m_legend;
    QImage m_image;
    double m_xMin = 0, m_xMax = 1, m_yMin = 0, m_yMax = 1;
};

} // namespace layerlab::widgets::views
