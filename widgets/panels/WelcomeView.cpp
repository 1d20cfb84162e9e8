#include "WelcomeView.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace layerlab::widgets::panels {

WelcomeView::WelcomeView(QWidget* parent) : QWidget(parent), m_recent(new QListWidget), m_samples(new QListWidget) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(48, 32, 48, 32);
    auto* title = new QLabel(tr("<h1>LayerLab</h1><p>Design a network, feed it your own CSV, watch it learn.</p>"));
    outer->addWidget(title);
    auto* buttons = new QHBoxLayout;
    auto* fromCsv = new QPushButton(tr("New project from CSV…"));
    fromCsv->setToolTip(tr("Pick a data file; LayerLab infers the columns and proposes a network (Ctrl+N)"));
    auto* open = new QPushButton(tr("Open project…"));
    open->setToolTip(tr("Open a .layerlab project (Ctrl+O)"));
    buttons->addWidget(fromCsv);
    buttons->addWidget(open);
    buttons->addStretch(1);
    outer->addLayout(buttons);
    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("<b>Recent projects</b>")), 0, 0);
    grid->addWidget(new QLabel(tr("<b>Samples</b> (the origin cases)")), 0, 1);
    grid->addWidget(m_recent, 1, 0);
    grid->addWidget(m_samples, 1, 1);
    outer->addLayout(grid, 1);
    m_recent->setToolTip(tr("Double-click (or Enter) to open"));
    m_samples->setToolTip(tr("Ready projects with their data; double-click (or Enter) to open"));

    connect(fromCsv, &QPushButton::clicked, this, &WelcomeView::newFromCsvRequested);
    connect(open, &QPushButton::clicked, this, &WelcomeView::openDialogRequested);
    for (auto* list : {m_recent, m_samples})
        connect(list, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
            const QString path = item->data(Qt::UserRole).toString();
            if (!path.isEmpty()) Q_EMIT openRequested(path);
        });
}

void WelcomeView::setRecent(const QStringList& paths) {
    m_recent->clear();
    for (const QString& p : paths) {
        auto* item = new QListWidgetItem(QFileInfo(p).fileName() + QStringLiteral("  —  ") + QFileInfo(p).absolutePath(), m_recent);
        item->setData(Qt::UserRole, p);
        item->setToolTip(p);
    }
    if (paths.isEmpty()) new QListWidgetItem(tr("(none yet)"), m_recent);
}

void WelcomeView::setSamples(const QList<Entry>& samples) {
    m_samples->clear();
    for (const Entry& e : samples) {
        auto* item = new QListWidgetItem(e.title, m_samples);
        item->setData(Qt::UserRole, e.path);
        item->setToolTip(e.path);
    }
}

} // namespace layerlab::widgets::panels
