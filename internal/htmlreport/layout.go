package htmlreport

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Sizes of the timeline, in CSS pixels.
const (
	rowPitch = 28 // a row of bars
	barH     = 22
	lanePad  = 6 // above and below a lane's rows
	// minWidth is the narrowest bar, in percent of the timeline, so a
	// job of a few milliseconds (or a marker) still shows.
	minWidth = 0.6
)

// view is the page with every position computed, for the template.
type view struct {
	*Page
	Took, Started string
	Counts        []count
	Height        int
	Lanes         []laneView
	Ticks         []tick
	Arrows        []arrow
	Legend        []legendItem
}

type count struct {
	Outcome string
	N       int
}

type laneView struct {
	Lane
	Top, Height int
	Bars        []barView
}

type barView struct {
	Bar
	// Left, Width, WaitLeft and WaitWidth are CSS percentages of the
	// track; Top is the bar's offset in its lane.
	Left, Width, WaitLeft, WaitWidth string
	Top                              int
	Marker                           bool
	Title                            string
	Platforms                        string
	Begin, Finish                    string // seconds from the start, for data attributes

	x0, x1, wait float64 // percentages, for packing and arrows
	// end is where the bar's row is free again: where the job really
	// ended, so that quick steps one after the other share a row even
	// though each is drawn minWidth wide.
	end float64
	y   int // the bar's middle, from the top of the lanes
}

type tick struct{ Left, Label string }

type arrow struct {
	X1, X2 string
	Y1, Y2 int
}

type legendItem struct{ Outcome, Meaning string }

func layout(p *Page) *view {
	v := &view{Page: p, Took: seconds(p.End.Sub(p.Start)), Started: p.Start.Format("2006-01-02 15:04:05 MST")}
	total := p.End.Sub(p.Start)
	if total <= 0 {
		total = time.Millisecond
	}
	pct := func(t time.Time) float64 { return 100 * float64(t.Sub(p.Start)) / float64(total) }
	bars := make([]barView, len(p.Bars))
	counted := map[string]int{}
	for i, b := range p.Bars {
		bars[i] = placeBar(b, p.Start, pct)
		if b.Outcome != "client" {
			counted[b.Outcome]++
		}
	}
	top := 0
	for _, l := range p.Lanes {
		lv := laneView{Lane: l, Top: top}
		var idx []int
		for i := range bars {
			if bars[i].Lane == l.ID {
				idx = append(idx, i)
			}
		}
		rows := pack(bars, idx)
		lv.Height = 2*lanePad + max(rows, 1)*rowPitch
		for _, i := range idx {
			bars[i].y = top + bars[i].Top + barH/2
			lv.Bars = append(lv.Bars, bars[i])
		}
		v.Lanes = append(v.Lanes, lv)
		top += lv.Height
	}
	v.Height = top
	for i, b := range bars {
		for _, d := range b.Deps {
			if d < 0 || d >= len(bars) || bars[d].y == 0 || b.y == 0 {
				continue
			}
			// From the end of what it waited on to where it started
			// waiting for a slot (or started).
			v.Arrows = append(v.Arrows, arrow{X1: percent(bars[d].x1), Y1: bars[d].y, X2: percent(b.wait), Y2: bars[i].y})
		}
	}
	v.Ticks = ticks(total)
	for _, o := range outcomes {
		v.Legend = append(v.Legend, legendItem{o.Name, o.Meaning})
		if n := counted[o.Name]; n > 0 {
			v.Counts = append(v.Counts, count{o.Name, n})
		}
	}
	return v
}

// placeBar puts a bar on the time axis.
func placeBar(b Bar, start time.Time, pct func(time.Time) float64) barView {
	bv := barView{Bar: b, Platforms: strings.Join(b.Platforms, ","), Finish: secondsFrom(start, b.End)}
	end := pct(b.End)
	if b.Start.IsZero() {
		bv.Marker = true
		bv.x0 = max(0, min(end, 100-minWidth))
		bv.x1 = bv.x0 + minWidth
		bv.end = bv.x1
	} else {
		bv.x0 = pct(b.Start)
		bv.x1 = max(end, bv.x0+minWidth)
		bv.end = max(end, bv.x0)
		bv.Begin = secondsFrom(start, b.Start)
	}
	bv.wait = bv.x0
	if !b.Ready.IsZero() && !b.Start.IsZero() && b.Start.Sub(b.Ready) > 0 {
		bv.wait = pct(b.Ready)
		bv.WaitLeft, bv.WaitWidth = percent(bv.wait), percent(bv.x0-bv.wait)
	}
	bv.Left, bv.Width = percent(bv.x0), percent(bv.x1-bv.x0)
	bv.Title = strings.Join(b.Detail, "\n")
	return bv
}

// pack gives each bar of a lane the first row where it overlaps no
// other, in order of start, and returns how many rows the lane needs.
func pack(bars []barView, idx []int) int {
	order := slices.Clone(idx)
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(bars[a].wait, bars[b].wait) })
	var ends []float64 // per row, where its last bar ends
	for _, i := range order {
		row := slices.IndexFunc(ends, func(e float64) bool { return e <= bars[i].wait })
		if row < 0 {
			row = len(ends)
			ends = append(ends, 0)
		}
		ends[row] = bars[i].end
		bars[i].Top = lanePad + row*rowPitch + (rowPitch-barH)/2
	}
	return len(ends)
}

// ticks marks the time axis at a round step, at most about 9 of them.
func ticks(total time.Duration) []tick {
	steps := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 500 * time.Millisecond,
		time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
		time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour}
	step := steps[len(steps)-1]
	for _, s := range steps {
		if total/s <= 8 {
			step = s
			break
		}
	}
	var out []tick
	for t := time.Duration(0); t <= total; t += step {
		label := seconds(t)
		if step >= time.Second && t < time.Minute {
			label = strconv.Itoa(int(t.Seconds())) + "s"
		}
		out = append(out, tick{Left: percent(100 * float64(t) / float64(total)), Label: label})
	}
	return out
}

func secondsFrom(start, t time.Time) string {
	return strconv.FormatFloat(t.Sub(start).Seconds(), 'f', 3, 64)
}

func percent(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) + "%" }
