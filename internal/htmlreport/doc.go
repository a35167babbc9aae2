// Package htmlreport renders a build's report as one self-contained HTML
// page: a timeline with a lane per node and a bar per job, the summary
// table, the failures and the warnings. The page fetches nothing: its
// CSS and SVG are inline and it has no script. It knows nothing of
// BuildKit or of plans: exec fills a Page (exec/htmlreport.go) and writes
// the file.
package htmlreport
