#include "DecisionMapView.h"

#include "style/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QSpinBox>
#include <QVBoxLayout>

namespace layerlab::widgets::views {

DecisionMapView::DecisionMapView(QWidget* parent)
    : QWidget(parent), m_x(new QComboBox), m_y(new QComboBox), m_row(new QSpinBox), m_neurons(new QCheckBox(tr("Neuron maps on the canvas"))),
      m_legend(new QLabel) {
    setObjectName(QStringLiteral("decisionMap"));
    m_x->setObjectName(QStringLiteral("mapX"));
    m_y->setObjectName(QStringLiteral("mapY"));
    m_row->setObjectName(QStringLiteral("mapReference"));
    m_row->setToolTip(tr("Every other input is held at this row's values (the line number in the file is shown in the data table)"));
    m_neurons->setChecked(true);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("x:")));
    bar->addWidget(m_x, 1);
    bar->addWidget(new QLabel(tr("y:")));
    bar->addWidget(m_y, 1);
    bar->addWidget(new QLabel(tr("others from row")));
    bar->addWidget(m_row);
    bar->addWidget(m_neurons);
    auto* l = new QVBoxLayout(this);
    l->addLayout(bar);
    l->addWidget(m_legend);
    l->addStretch(1);
    m_legend->setWordWrap(true);
    clear();
    for (auto* c : {m_x, m_y}) connect(c, &QComboBox::currentIndexChanged, this, &DecisionMapView::axesChosen);
    connect(m_row, &QSpinBox::valueChanged, this, &DecisionMapView::axesChosen);
    connect(m_neurons, &QCheckBox::toggled, this, &DecisionMapView::axesChosen);
    setMinimumSize(420, 420);
}

void DecisionMapView::setColumns(const QStringList& columns, const QString& x, const QString& y, int rows) {
    const QSignalBlocker bx(m_x), by(m_y), br(m_row);
    m_x->clear();
    m_y->clear();
    m_x->addItems(columns);
    m_y->addItems(columns);
    m_x->setCurrentText(x);
    m_y->setCurrentText(y);
    m_row->setRange(0, std::max(0, rows - 1));
}

void DecisionMapView::setImage(const QImage& image, double xMin, double xMax, double yMin, double yMax, const QString& legend) {
    m_image = image;
    m_xMin = xMin, m_xMax = xMax, m_yMin = yMin, m_yMax = yMax;
    m_legend->setText(legend);
    update();
}

void DecisionMapView::clear() {
    const QSignalBlocker bx(m_x), by(m_y), br(m_row);
    m_x->clear();
    m_y->clear();
    m_row->setRange(0, 0);
    m_image = QImage();
    m_legend->setText(tr("Train to see the network's output over two columns."));
    update();
}

QString DecisionMapView::legend() const { return m_legend->text(); }

QString DecisionMapView::xColumn() const { return m_x->currentText(); }
QString DecisionMapView::yColumn() const { return m_y->currentText(); }
int DecisionMapView::referenceRow() const { return m_row->value(); }
bool DecisionMapView::neuronMaps() const { return m_neurons->isChecked(); }

QRect DecisionMapView::imageRect() const {
    const int top = m_legend->geometry().bottom() + 8;
    const int side = std::max(50, std::min(width() - 80, height() - top - 40));
    return {60, top, side, side};
}

void DecisionMapView::paintEvent(QPaintEvent*) {
    if (m_image.isNull()) return;
    QPainter p(this);
    const QRect r = imageRect();
    p.drawImage(r, m_image);
    p.setPen(style::Theme::instance().color(QStringLiteral("text")));
    auto num = [](double v) { return QString::number(v, 'g', 4); };
    p.drawText(QRect(r.left(), r.bottom() + 4, r.width(), 16), Qt::AlignLeft, num(m_xMin));
    p.drawText(QRect(r.left(), r.bottom() + 4, r.width(), 16), Qt::AlignRight, num(m_xMax));
    p.drawText(QRect(r.left(), r.bottom() + 4, r.width(), 16), Qt::AlignHCenter, xColumn() + QStringLiteral(" →"));
    p.drawText(QRect(0, r.top(), r.left() - 6, 16), Qt::AlignRight, num(m_yMax));
    p.drawText(QRect(0, r.bottom() - 16, r.left() - 6, 16), Qt::AlignRight, num(m_yMin));
    p.save();
    p.translate(r.left() - 20, r.center().y());
    p.rotate(-90);
    p.drawText(QRect(-r.height() / 2, -8, r.height(), 16), Qt::AlignCenter, yColumn() + QStringLiteral(" →"));
    p.restore();
}

} // namespace layerlab::widgets::views
