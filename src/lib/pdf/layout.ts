// Pagination math of the PDF layout, pure: where each table row goes, page by page, with the
// table header repeated at the top of every page and rows taller than a page split by lines.

export interface TableGeometry {
  /** y (mm) where the table starts on the current page. */
  top: number;
  /** y where the body starts on a new page, below the running header. */
  pageTop: number;
  /** Lowest y the body may reach, above the footer. */
  bottom: number;
  /** Height of the table's header row, drawn again on each page. */
  headerHeight: number;
  lineHeight: number;
  /** Space above and below a row's text. */
  padding: number;
}

export interface RowSlice {
  row: number;
  /** 0 = the page the table starts on. */
  page: number;
  y: number;
  height: number;
  /** The row's text lines drawn in this slice. */
  firstLine: number;
  lineCount: number;
  /** True when the table header is drawn just above this slice. */
  afterHeader: boolean;
}

export interface TablePlan {
  slices: RowSlice[];
  /** Index of the last page used (0 when the table fits on the page it starts on). */
  lastPage: number;
  /** y just below the last row. */
  endY: number;
}

/**
 * planTable([{ lines: 1 }, …], g): a row moves whole to the next page when it does not fit and
 * would fit there; a row taller than a whole page is split line by line. The header never ends
 * a page alone.
 */
export function planTable(rows: { lines: number }[], g: TableGeometry): TablePlan {
  const slices: RowSlice[] = [];
  const rowHeight = (lines: number) => lines * g.lineHeight + 2 * g.padding;
  const EPSILON = 1e-6; // float dust from adding millimetres
  let page = 0;
  let y = g.top;
  let needHeader = true;

  const newPage = () => {
    page++;
    y = g.pageTop;
    needHeader = true;
  };
  // The header and at least one line must fit together, or the table starts on the next page.
  if (g.top + g.headerHeight + rowHeight(1) > g.bottom + EPSILON && rows.length) newPage();

  const place = (row: number, first: number, count: number) => {
    if (needHeader) y += g.headerHeight;
    const height = rowHeight(count);
    slices.push({ row, page, y, height, firstLine: first, lineCount: count, afterHeader: needHeader });
    needHeader = false;
    y += height;
  };

  rows.forEach((row, index) => {
    let first = 0;
    let left = Math.max(1, row.lines);
    while (left > 0) {
      const room = g.bottom - y - (needHeader ? g.headerHeight : 0);
      if (rowHeight(left) <= room + EPSILON) {
        place(index, first, left);
        break;
      }
      const atFreshTop = page > 0 && y === g.pageTop && needHeader;
      const fitsOnFreshPage = rowHeight(left) <= g.bottom - g.pageTop - g.headerHeight + EPSILON;
      if (!atFreshTop && fitsOnFreshPage) {
        newPage();
        continue;
      }
      // Taller than a page: as many lines as fit here, the rest on the next page.
      const count = Math.min(left, Math.floor((room - 2 * g.padding + EPSILON) / g.lineHeight));
      if (count < 1 && !atFreshTop) {
        newPage();
        continue;
      }
      place(index, first, Math.max(1, count));
      first += Math.max(1, count);
      left -= Math.max(1, count);
      if (left > 0) newPage();
    }
  });
  return { slices, lastPage: page, endY: y };
}
