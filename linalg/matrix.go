package linalg

import (
	"fmt"

	"github.com/nde-go/nde/asm"
)

// Matrix is a view of a row-major Rows×Cols matrix stored in Data: element
// (i, j) is Data[i*Cols+j]. The view does not own Data; copying a Matrix
// copies the view, not the elements.
type Matrix struct {
	Rows, Cols int
	Data       []float64
}

// NewMatrix returns the Rows×Cols view of data, which must hold exactly
// rows·cols elements. It panics otherwise.
func NewMatrix(rows, cols int, data []float64) Matrix {
	// rows·cols is compared by division: the product may wrap around int
	// and match a short data, so that At would read a wrong element.
	if rows < 0 || cols < 0 || (cols == 0 && len(data) != 0) || (cols != 0 && (len(data)%cols != 0 || len(data)/cols != rows)) {
		panic(fmt.Sprintf("linalg.NewMatrix: %d×%d matrix over %d elements", rows, cols, len(data)))
	}
	return Matrix{Rows: rows, Cols: cols, Data: data}
}

// At returns element (i, j).
func (m Matrix) At(i, j int) float64 {
	m.checkIndex(i, j)
	return m.Data[i*m.Cols+j]
}

// Set sets element (i, j) to v.
func (m Matrix) Set(i, j int, v float64) {
	m.checkIndex(i, j)
	m.Data[i*m.Cols+j] = v
}

func (m Matrix) checkIndex(i, j int) {
	if uint(i) >= uint(m.Rows) || uint(j) >= uint(m.Cols) {
		panic(fmt.Sprintf("linalg.Matrix: index (%d, %d) outside %d×%d", i, j, m.Rows, m.Cols))
	}
}

// Row returns row i as a slice aliasing the matrix.
func (m Matrix) Row(i int) []float64 {
	if uint(i) >= uint(m.Rows) {
		panic(fmt.Sprintf("linalg.Matrix.Row: row %d outside %d rows", i, m.Rows))
	}
	return m.Data[i*m.Cols : (i+1)*m.Cols : (i+1)*m.Cols]
}

// MulVec sets y = M x.
func (m Matrix) MulVec(y, x []float64) { asm.Gemv(m.Rows, m.Cols, m.Data, x, y) }

// MulVecAdd adds M x to y.
func (m Matrix) MulVecAdd(y, x []float64) { asm.GemvAdd(m.Rows, m.Cols, m.Data, x, y) }

// MulTVec sets y = Mᵀ x.
func (m Matrix) MulTVec(y, x []float64) { asm.GemvT(m.Rows, m.Cols, m.Data, x, y) }

// MulTVecAdd adds Mᵀ x to y.
func (m Matrix) MulTVecAdd(y, x []float64) { asm.GemvTAdd(m.Rows, m.Cols, m.Data, x, y) }

// AddOuter adds alpha·a·xᵀ to M (len(a) = Rows, len(x) = Cols).
func (m Matrix) AddOuter(alpha float64, a, x []float64) {
	asm.Ger(m.Rows, m.Cols, alpha, a, x, m.Data)
}
