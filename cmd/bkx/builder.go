package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	hcl2 "github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/moby/buildkit/client"
	"github.com/spf13/cobra"
	"github.com/zclconf/go-cty/cty"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/hcl"
	"github.com/bkx-dev/bkx/internal/buildxstore"
	"github.com/bkx-dev/bkx/plan"
)

// userBuildersFile is where `bkx builder create` writes builders:
// $XDG_CONFIG_HOME/bkx/builders.hcl (~/.config when unset).
func (c *cli) userBuildersFile() string {
	dir := c.env["XDG_CONFIG_HOME"]
	if dir == "" {
		dir = filepath.Join(c.env["HOME"], ".config")
	}
	return filepath.Join(dir, "bkx", "builders.hcl")
}

// Where a builder comes from, as `bkx builder ls` shows it.
const (
	sourceBuildFile = "build file"
	sourceUserFile  = "bkx builders file"
	sourceBuildx    = "buildx"
	sourceImplicit  = "implicit"
)

// builderSet is every builder known to a command: the project's build
// files first, then the user's builders file, then docker buildx's
// store; the first place that has a name wins.
type builderSet struct {
	blocks []*hcl.Builder
	// source says where each name comes from (the source* constants;
	// the default that `docker buildx use` picked says which builder).
	source map[string]string
	files  map[string]*hcl2.File
	// buildxNotes are the warnings of each buildx builder: loadBuilders
	// returns those of the builders a build would use, `builder ls`
	// prints them all.
	buildxNotes map[string]hcl2.Diagnostics
	// current is the builder `docker buildx use` selected, when it is
	// the default (plan.Options.DefaultBuilder).
	current string
}

// buildxName is the docker buildx name of a builder that comes from
// buildx's store, or empty.
func (s *builderSet) buildxName(name string) string {
	if strings.HasPrefix(s.source[name], sourceBuildx) {
		return name
	}
	return ""
}

// loadBuilders is the builders of a build: every builder of the files,
// and of docker buildx's store those the build may use (named by
// --builder, BUILDX_BUILDER, a target's builder attribute, or selected
// with `docker buildx use`), since planning asks every builder it is
// given for its platforms.
func (c *cli) loadBuilders(project *hcl.Project, opt hcl.Options) (*builderSet, hcl2.Diagnostics) {
	return c.loadBuilderSet(project, opt, false)
}

// loadBuilderSet reads the user's builders file and docker buildx's
// store (every builder of it with all, else those a build may use) and
// adds their builders to the project's (project may be nil). The builder
// `docker buildx use` selected becomes the default (current), unless a
// file declares one named "default" or --builder names one.
func (c *cli) loadBuilderSet(project *hcl.Project, opt hcl.Options, all bool) (*builderSet, hcl2.Diagnostics) {
	s := &builderSet{source: map[string]string{}, files: map[string]*hcl2.File{}, buildxNotes: map[string]hcl2.Diagnostics{}}
	used := c.builder
	if used == "" {
		used = c.env["BUILDX_BUILDER"]
	}
	wanted := map[string]bool{used: true}
	if project != nil {
		s.add(sourceBuildFile, project.Builders...)
		for k, v := range project.Files {
			s.files[k] = v
		}
		for _, t := range project.Targets {
			if t.Builder != nil {
				wanted[*t.Builder] = true
			}
		}
	}
	if all {
		used, wanted = "", nil
	}
	diags := c.loadUserBuilders(s, opt)
	diags = append(diags, c.loadBuildxBuilders(s, used, wanted)...)
	return s, diags
}

// add appends the blocks whose names are not taken yet.
func (s *builderSet) add(source string, blocks ...*hcl.Builder) {
	for _, b := range blocks {
		if _, taken := s.source[b.Name]; taken && source != sourceBuildFile {
			continue // an earlier place's definition wins
		}
		s.blocks = append(s.blocks, b)
		s.source[b.Name] = source
	}
}

// warn prints the warnings of the named buildx builders, of all when no
// name is given.
func (s *builderSet) warn(w io.Writer, names ...string) {
	if len(names) == 0 {
		names = slices.Sorted(maps.Keys(s.buildxNotes))
	}
	var diags hcl2.Diagnostics
	for _, n := range names {
		diags = append(diags, s.buildxNotes[n]...)
	}
	_ = report(w, s.files, diags)
}

// loadUserBuilders adds the builders of the user's builders file.
func (c *cli) loadUserBuilders(s *builderSet, opt hcl.Options) hcl2.Diagnostics {
	path := c.userBuildersFile()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return hcl2.Diagnostics{{Severity: hcl2.DiagError, Summary: "Cannot read builders file", Detail: err.Error()}}
	}
	up, diags := hcl.Parse([]hcl.File{{Name: path, Data: data}}, opt)
	for k, v := range up.Files {
		s.files[k] = v
	}
	s.add(sourceUserFile, up.Builders...)
	return diags
}

// loadBuildxBuilders adds the builders of docker buildx's store that
// are wanted (all when wanted is nil) and, when no builder is named
// (used) and no file declares a default, the one `docker buildx use`
// selected as "default". It returns the warnings of the buildx builder a
// build would use: the one named, else the selected one.
func (c *cli) loadBuildxBuilders(s *builderSet, used string, wanted map[string]bool) hcl2.Diagnostics {
	store := buildxstore.Open(c.env)
	entries, err := store.Load()
	if err != nil {
		return hcl2.Diagnostics{{Severity: hcl2.DiagWarning, Summary: "Cannot read docker buildx's builders", Detail: err.Error() + "."}}
	}
	var diags hcl2.Diagnostics
	current, err := store.Current()
	if err != nil {
		diags = append(diags, &hcl2.Diagnostic{Severity: hcl2.DiagWarning, Summary: "Cannot read docker buildx's current builder", Detail: err.Error() + "."})
	}
	usable := map[string]*hcl.Builder{}
	for _, e := range entries {
		if _, taken := s.source[e.Name]; taken {
			continue
		}
		s.buildxNotes[e.Name] = e.Diags
		if e.Block == nil {
			continue
		}
		usable[e.Name] = e.Block
		if wanted == nil || wanted[e.Name] {
			s.add(sourceBuildx, e.Block)
		}
	}
	if current != "" && used == "" && s.source[plan.DefaultBuilder] == "" {
		if _, known := s.source[current]; !known && usable[current] != nil {
			s.add(sourceBuildx, usable[current])
		}
		if src, known := s.source[current]; known {
			used = current
			s.current = current
			s.source[current] = src + " (docker buildx use)"
		}
	}
	return append(diags, s.buildxNotes[used]...)
}

func (c *cli) newBuilderCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "builder", Short: "Manage builders: the BuildKit nodes bkx builds on"}
	l := &builderLoader{c: c}
	cmd.PersistentFlags().StringArrayVarP(&l.files, "file", "f", nil, "Build definition file (default: the bake file discovery of bkx bake)")
	cmd.AddCommand(c.newBuilderLsCommand(l), c.newBuilderInspectCommand(l), c.newBuilderRmCommand(l),
		c.newBuilderPruneCommand(l), c.newBuilderCreateCommand())
	return cmd
}

// builderLoader reads every builder a `bkx builder` command knows: the
// build files' (-f, else discovery), the user's builders file and docker
// buildx's.
type builderLoader struct {
	c     *cli
	files []string
}

// all loads the builders, in the order `builder ls` shows them.
func (l *builderLoader) all() (map[string]*plan.Builder, []string, *builderSet, error) {
	c := l.c
	opt := hcl.Options{Env: c.env, HomeDir: c.env["HOME"]}
	var project *hcl.Project
	srcs, diags := hcl.ReadFiles(osFS{dir: c.wd}, l.files, c.env, c.stdin)
	if len(l.files) > 0 && diags.HasErrors() {
		return nil, nil, nil, report(c.stderr, nil, diags)
	}
	if !diags.HasErrors() {
		var d hcl2.Diagnostics
		if project, d = hcl.Parse(srcs, opt); d.HasErrors() {
			return nil, nil, nil, report(c.stderr, project.Files, d)
		}
	}
	set, d := c.loadBuilderSet(project, opt, true)
	if d.HasErrors() {
		return nil, nil, nil, report(c.stderr, set.files, d)
	}
	bs, d := plan.Builders(set.blocks, plan.Options{LocalPlatform: localPlatform()})
	if d.HasErrors() {
		return nil, nil, nil, report(c.stderr, set.files, d)
	}
	for _, b := range bs {
		b.Config.Env = c.env
	}
	var order []string
	for _, b := range set.blocks {
		order = append(order, b.Name)
	}
	if !slices.Contains(order, plan.DefaultBuilder) {
		order = append(order, plan.DefaultBuilder)
	}
	return bs, order, set, nil
}

// one loads the builders and finds one by name.
func (l *builderLoader) one(name string) (map[string]*plan.Builder, *plan.Builder, *builderSet, error) {
	bs, _, set, err := l.all()
	if err != nil {
		return nil, nil, nil, err
	}
	if bs[name] == nil {
		return nil, nil, nil, fmt.Errorf("no builder %q; `bkx builder ls` lists them", name)
	}
	return bs, bs[name], set, nil
}

func (c *cli) newBuilderLsCommand(l *builderLoader) *cobra.Command {
	return &cobra.Command{
		Use:   "ls",
		Short: "List builders, their nodes, status, platforms, BuildKit version and capabilities",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			bs, order, set, err := l.all()
			if err != nil {
				return err
			}
			set.warn(c.stderr)
			return c.builderTable(bs, order, set.source, false)
		},
	}
}

func (c *cli) newBuilderInspectCommand(l *builderLoader) *cobra.Command {
	var bootstrap bool
	inspect := &cobra.Command{
		Use:   "inspect NAME",
		Short: "Show one builder; --bootstrap starts its nodes first",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			bs, _, set, err := l.one(args[0])
			if err != nil {
				return err
			}
			set.warn(c.stderr, args[0])
			return c.builderTable(bs, args, set.source, bootstrap)
		},
	}
	inspect.Flags().BoolVar(&bootstrap, "bootstrap", false, "Start the builder's nodes (create containers or pods) before inspecting")
	return inspect
}

func (c *cli) newBuilderRmCommand(l *builderLoader) *cobra.Command {
	return &cobra.Command{
		Use:   "rm NAME",
		Short: "Remove what bkx created for a builder (containers, volumes, deployments), and its entry in the builders file",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			_, b, set, err := l.one(args[0])
			if err != nil {
				return err
			}
			if name := set.buildxName(b.Name); name != "" {
				return fmt.Errorf("builder %q was made by docker buildx: bkx never changes what buildx made; remove it with `docker buildx rm %s`", b.Name, name)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			if err := removeBuilder(ctx, b); err != nil {
				return err
			}
			if set.source[b.Name] == sourceUserFile {
				if err := c.dropUserBuilder(b.Name); err != nil {
					return err
				}
			}
			fmt.Fprintf(c.stdout, "removed %s\n", b.Name)
			return nil
		},
	}
}

func (c *cli) newBuilderPruneCommand(l *builderLoader) *cobra.Command {
	return &cobra.Command{
		Use:   "prune NAME",
		Short: "Remove the BuildKit cache of a builder's running nodes",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			_, b, _, err := l.one(args[0])
			if err != nil {
				return err
			}
			return c.prune(b)
		},
	}
}

// builderTable prints builders, where each comes from, and their
// nodes. Nodes that bkx creates are not started unless bootstrap is set.
func (c *cli) builderTable(bs map[string]*plan.Builder, order []string, source map[string]string, bootstrap bool) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME/NODE\tDRIVER/ENDPOINT\tSOURCE\tSTATUS\tPLATFORMS\tBUILDKIT\tCAPABILITIES")
	failed := false
	for _, name := range order {
		pb := bs[name]
		src := source[name]
		if src == "" {
			src = sourceImplicit
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t\t\t\t%s\n", pb.Name, pb.Driver, src, capsString(pb.Caps))
		d, _ := drivers.Lookup(pb.Driver)
		b, err := d.New(pb.Config)
		if err != nil {
			fmt.Fprintf(tw, "  \t\t\terror: %v\t\t\t\n", err)
			failed = true
			continue
		}
		for i, n := range b.Nodes() {
			endpoint := ""
			if i < len(pb.Config.Nodes) {
				endpoint = pb.Config.Nodes[i].Endpoint
			}
			status, plats, version := nodeStatus(ctx, n, bootstrap)
			if (strings.HasPrefix(status, "error") || strings.HasPrefix(status, "unreachable")) && bootstrap {
				failed = true
			}
			if plats == "" && i < len(pb.Nodes) {
				how := " (declared)"
				if pb.Nodes[i].Assumed {
					how = " (assumed: this machine's)"
				}
				plats = strings.Join(pb.Nodes[i].Platforms, ", ") + how
			}
			fmt.Fprintf(tw, "  %s\t%s\t\t%s\t%s\t%s\t\n", n.Name(), endpoint, status, plats, version)
		}
		_ = b.Close(context.WithoutCancel(ctx))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if failed {
		return exitError{code: 1}
	}
	return nil
}

// nodeStatus asks a node how it is without creating it unless bootstrap.
func nodeStatus(ctx context.Context, n drivers.Node, bootstrap bool) (status, plats, version string) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if s, ok := n.(drivers.Statuser); ok && !bootstrap {
		st, err := s.Status(ctx)
		if err != nil {
			return "error: " + drivers.ErrorLine(err), "", ""
		}
		if st != "running" {
			return st, "", ""
		}
	}
	ps, err := drivers.NodePlatforms(ctx, n)
	if err != nil {
		if c, ok := drivers.DialError(err); ok {
			return "unreachable: " + c, "", ""
		}
		return "error: " + drivers.ErrorLine(err), "", ""
	}
	v, _ := drivers.NodeVersion(ctx, n)
	return "running", strings.Join(ps, ", "), v
}

// capsString renders the capability table row of a builder.
func capsString(c drivers.Capabilities) string {
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	cache := "all"
	if c.CacheExport != nil {
		cache = strings.Join(c.CacheExport, ",") + " only"
	}
	return fmt.Sprintf("load-by-default=%s cache-export=%s tarball=%s multi-platform=%s buildkitd-config=%s",
		yes(c.DefaultLoad), cache, yes(c.TarballOutput), yes(c.MultiPlatform), c.BuildkitConfig)
}

func removeBuilder(ctx context.Context, pb *plan.Builder) error {
	d, _ := drivers.Lookup(pb.Driver)
	b, err := d.New(pb.Config)
	if err != nil {
		return err
	}
	defer b.Close(context.WithoutCancel(ctx))
	if r, ok := b.(drivers.Remover); ok {
		return r.Remove(ctx)
	}
	return nil
}

func (c *cli) prune(pb *plan.Builder) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	d, _ := drivers.Lookup(pb.Driver)
	b, err := d.New(pb.Config)
	if err != nil {
		return err
	}
	defer b.Close(context.WithoutCancel(ctx))
	for _, n := range b.Nodes() {
		if s, ok := n.(drivers.Statuser); ok {
			if st, err := s.Status(ctx); err != nil || st != "running" {
				continue
			}
		}
		cl, err := n.Client(ctx)
		if err != nil {
			return err
		}
		total := int64(0)
		ch := make(chan client.UsageInfo)
		done := make(chan struct{})
		go func() {
			for u := range ch {
				total += u.Size
			}
			close(done)
		}()
		err = cl.Prune(ctx, ch)
		close(ch)
		<-done
		if err != nil {
			return fmt.Errorf("node %s: %w", n.Name(), err)
		}
		fmt.Fprintf(c.stdout, "%s: reclaimed %s\n", n.Name(), humanBytes(total))
	}
	return nil
}

func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatInt(n, 10) + " B"
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// dropUserBuilder removes a builder block from the user's builders file.
func (c *cli) dropUserBuilder(name string) error {
	path := c.userBuildersFile()
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	f, diags := hclsyntax.ParseConfig(data, path, hcl2.InitialPos)
	if diags.HasErrors() {
		return diags
	}
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		if b.Type == "builder" && len(b.Labels) == 1 && b.Labels[0] == name {
			r := b.Range()
			out := append(append([]byte{}, data[:r.Start.Byte]...), strings.TrimLeft(string(data[r.End.Byte:]), "\n")...)
			return writeFileAtomic(path, out)
		}
	}
	return nil
}

// writeFileAtomic replaces a file through a temporary file and rename, so
// that a failure leaves the old file whole.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".builders-*.hcl")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func (c *cli) newBuilderCreateCommand() *cobra.Command {
	var driver, node, endpoint string
	var opts, platforms []string
	cmd := &cobra.Command{
		Use:   "create NAME --driver DRIVER [--driver-opt K=V] [--node N --endpoint E --platform P]",
		Short: "Add a builder to your builders file ($XDG_CONFIG_HOME/bkx/builders.hcl)",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			name := args[0]
			d, ok := drivers.Lookup(driver)
			if !ok {
				return fmt.Errorf("unknown driver %q: use one of %s", driver, strings.Join(drivers.Names(), ", "))
			}
			kv := map[string]string{}
			for _, o := range opts {
				k, v, ok := strings.Cut(o, "=")
				if !ok {
					return fmt.Errorf("invalid --driver-opt %q: write KEY=VALUE", o)
				}
				kv[k] = v
			}
			if errs := drivers.ValidateOptions(d, kv); len(errs) > 0 {
				var msgs []string
				for _, e := range errs {
					msgs = append(msgs, e.Error())
				}
				return fmt.Errorf("%s", strings.Join(msgs, "\n"))
			}
			path := c.userBuildersFile()
			old, err := os.ReadFile(path)
			if err != nil && !os.IsNotExist(err) {
				return err
			}
			if exists, err := hasBuilder(old, path, name); err != nil {
				return fmt.Errorf("%s does not parse, so bkx leaves it alone: %w", path, err)
			} else if exists {
				return fmt.Errorf("builder %q is already in %s; `bkx builder rm %s` first", name, path, name)
			}
			block := builderBlock(name, driver, node, endpoint, platforms, kv)
			if _, err := d.New(drivers.Config{Name: name, Nodes: []drivers.NodeConfig{{Name: orName(node, name), Endpoint: endpoint, Platforms: platforms, Opts: kv}}}); err != nil {
				return err
			}
			if len(old) > 0 && !strings.HasSuffix(string(old), "\n") {
				old = append(old, '\n')
			}
			if err := writeFileAtomic(path, append(old, block...)); err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "%s (written to %s)\n", name, path)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&driver, "driver", "docker-container", "Driver: "+strings.Join(drivers.Names(), ", "))
	fl.StringArrayVar(&opts, "driver-opt", nil, "Driver option KEY=VALUE (repeatable)")
	fl.StringVar(&node, "node", "", "Name of the node (default: the builder's name)")
	fl.StringVar(&endpoint, "endpoint", "", "Node endpoint: tcp://, unix://, docker-container://, kube-pod://, or a DOCKER_HOST")
	fl.StringArrayVar(&platforms, "platform", nil, "Platform the node builds natively (repeatable)")
	return cmd
}

func orName(node, name string) string {
	if node == "" {
		return name
	}
	return node
}

// builderBlock writes a builder block in the build file syntax with
// hclwrite, so that any value (one holding ${ or quotes) reads back as
// written.
func builderBlock(name, driver, node, endpoint string, platforms []string, opts map[string]string) string {
	f := hclwrite.NewEmptyFile()
	b := f.Body().AppendNewBlock("builder", []string{name}).Body()
	b.SetAttributeValue("driver", cty.StringVal(driver))
	nb := b
	if node != "" {
		nb = b.AppendNewBlock("node", []string{node}).Body()
	}
	if endpoint != "" {
		nb.SetAttributeValue("endpoint", cty.StringVal(endpoint))
	}
	if len(platforms) > 0 {
		vals := make([]cty.Value, len(platforms))
		for i, p := range platforms {
			vals[i] = cty.StringVal(p)
		}
		nb.SetAttributeValue("platforms", cty.ListVal(vals))
	}
	if len(opts) > 0 {
		vals := map[string]cty.Value{}
		for k, v := range opts {
			vals[k] = cty.StringVal(v)
		}
		nb.SetAttributeValue("driver-opts", cty.ObjectVal(vals))
	}
	return string(hclwrite.Format(f.Bytes()))
}

// hasBuilder tells whether a builders file declares a builder of exactly
// that name.
func hasBuilder(data []byte, path, name string) (bool, error) {
	f, diags := hclsyntax.ParseConfig(data, path, hcl2.InitialPos)
	if diags.HasErrors() {
		return false, diags
	}
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		if b.Type == "builder" && len(b.Labels) == 1 && b.Labels[0] == name {
			return true, nil
		}
	}
	return false, nil
}

// localPlatform is the platform of this machine.
func localPlatform() string { return "linux/" + runtime.GOARCH }
