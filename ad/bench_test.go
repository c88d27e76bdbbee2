package ad_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/adviz/adviz/ad"
)

// rosenbrock returns the program Σ 100(x_{i+1} - x_i²)² + (1 - x_i)² over n
// variables, its inputs and a point.
func rosenbrock(n int) (string, []string, []float64) {
	var b strings.Builder
	names := make([]string, n)
	x := make([]float64, n)
	for i := range names {
		names[i] = fmt.Sprintf("x%d", i+1)
		x[i] = 0.5 + 0.001*float64(i%17)
	}
	for i := 0; i < n-1; i++ {
		if i > 0 {
			b.WriteString(" + ")
		}
		fmt.Fprintf(&b, "100*(%s - %s^2)^2 + (1 - %s)^2", names[i+1], names[i], names[i])
	}
	return b.String(), names, x
}

// rosenbrockGrad is the hand-written gradient: the baseline.
func rosenbrockGrad(x, grad []float64) float64 {
	clear(grad)
	f := 0.0
	for i := 0; i < len(x)-1; i++ {
		d := x[i+1] - x[i]*x[i]
		e := 1 - x[i]
		f += 100*d*d + e*e
		grad[i] += -400*d*x[i] - 2*e
		grad[i+1] += 200 * d
	}
	return f
}

func TestRosenbrockBaseline(t *testing.T) {
	src, names, x := rosenbrock(50)
	g, err := ad.Build(src, names)
	if err != nil {
		t.Fatal(err)
	}
	y, grad := g.Gradient(x, []float64{1})
	want := make([]float64, len(x))
	f := rosenbrockGrad(x, want)
	if math.Abs(y[0]-f) > 1e-12*f || normDiff(grad, want) > 1e-13 {
		t.Errorf("AD %v %v, hand-written %v %v", y[0], grad[:3], f, want[:3])
	}
}

const benchN = 1000

func benchGraph(b *testing.B) (*ad.Graph, []float64) {
	src, names, x := rosenbrock(benchN)
	g, err := ad.Build(src, names)
	if err != nil {
		b.Fatal(err)
	}
	return g, x
}

func BenchmarkRosenbrockBuild(b *testing.B) {
	src, names, _ := rosenbrock(benchN)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := ad.Build(src, names); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRosenbrockPrimal(b *testing.B) {
	g, x := benchGraph(b)
	for b.Loop() {
		g.Value(x)
	}
}

func BenchmarkRosenbrockReverse(b *testing.B) {
	g, x := benchGraph(b)
	ybar := []float64{1}
	for b.Loop() {
		g.Gradient(x, ybar)
	}
}

// BenchmarkRosenbrockForward is the gradient by forward mode: n sweeps.
func BenchmarkRosenbrockForward(b *testing.B) {
	g, x := benchGraph(b)
	for b.Loop() {
		g.Jacobian(x, ad.Forward)
	}
}

func BenchmarkRosenbrockHandWritten(b *testing.B) {
	_, _, x := rosenbrock(benchN)
	grad := make([]float64, len(x))
	for b.Loop() {
		rosenbrockGrad(x, grad)
	}
}

func BenchmarkRosenbrockTrace(b *testing.B) {
	g, x := benchGraph(b)
	for b.Loop() {
		g.Trace(x, ad.Reverse, nil)
	}
}
