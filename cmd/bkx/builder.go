package main

import (
	"context"
	"fmt"
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
	"github.com/moby/buildkit/client"
	"github.com/spf13/cobra"

	"github.com/bkx-dev/bkx/drivers"
	"github.com/bkx-dev/bkx/hcl"
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

// builderSet is every builder known to a command: the project's build
// files first, then the user's builders file, where a project builder
// wins over a user one of the same name.
type builderSet struct {
	blocks []*hcl.Builder
	user   map[string]bool // names that come from the user's file
	files  map[string]*hcl2.File
}

// loadBuilders reads the user's builders file and adds its builders to
// the project's (project may be nil).
func (c *cli) loadBuilders(project *hcl.Project, opt hcl.Options) (*builderSet, hcl2.Diagnostics) {
	s := &builderSet{user: map[string]bool{}, files: map[string]*hcl2.File{}}
	var diags hcl2.Diagnostics
	if project != nil {
		s.blocks = append(s.blocks, project.Builders...)
		for k, v := range project.Files {
			s.files[k] = v
		}
	}
	path := c.userBuildersFile()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return s, nil
	}
	if err != nil {
		return s, hcl2.Diagnostics{{Severity: hcl2.DiagError, Summary: "Cannot read builders file", Detail: err.Error()}}
	}
	up, d := hcl.Parse([]hcl.File{{Name: path, Data: data}}, opt)
	diags = append(diags, d...)
	for k, v := range up.Files {
		s.files[k] = v
	}
	for _, b := range up.Builders {
		if slices.ContainsFunc(s.blocks, func(p *hcl.Builder) bool { return p.Name == b.Name }) {
			continue // the project's definition wins
		}
		s.blocks = append(s.blocks, b)
		s.user[b.Name] = true
	}
	return s, diags
}

func (c *cli) newBuilderCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "builder", Short: "Manage builders: the BuildKit nodes bkx builds on"}
	var files []string
	cmd.PersistentFlags().StringArrayVarP(&files, "file", "f", nil, "Build definition file (default: the bake file discovery of bkx bake)")
	load := func() (map[string]*plan.Builder, []string, *builderSet, error) {
		opt := hcl.Options{Env: c.env, HomeDir: c.env["HOME"]}
		var project *hcl.Project
		srcs, diags := hcl.ReadFiles(osFS{dir: c.wd}, files, c.env, c.stdin)
		if len(files) > 0 && diags.HasErrors() {
			return nil, nil, nil, report(c.stderr, nil, diags)
		}
		if !diags.HasErrors() {
			var d hcl2.Diagnostics
			if project, d = hcl.Parse(srcs, opt); d.HasErrors() {
				return nil, nil, nil, report(c.stderr, project.Files, d)
			}
		}
		set, d := c.loadBuilders(project, opt)
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
	one := func(name string) (map[string]*plan.Builder, *plan.Builder, *builderSet, error) {
		bs, _, set, err := load()
		if err != nil {
			return nil, nil, nil, err
		}
		if bs[name] == nil {
			return nil, nil, nil, fmt.Errorf("no builder %q; `bkx builder ls` lists them", name)
		}
		return bs, bs[name], set, nil
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "ls",
		Short: "List builders, their nodes, status, platforms, BuildKit version and capabilities",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			bs, order, _, err := load()
			if err != nil {
				return err
			}
			return c.builderTable(bs, order, false)
		},
	})
	var bootstrap bool
	inspect := &cobra.Command{
		Use:   "inspect NAME",
		Short: "Show one builder; --bootstrap starts its nodes first",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			bs, _, _, err := one(args[0])
			if err != nil {
				return err
			}
			return c.builderTable(bs, args, bootstrap)
		},
	}
	inspect.Flags().BoolVar(&bootstrap, "bootstrap", false, "Start the builder's nodes (create containers or pods) before inspecting")
	cmd.AddCommand(inspect)
	cmd.AddCommand(&cobra.Command{
		Use:   "rm NAME",
		Short: "Remove what bkx created for a builder (containers, volumes, deployments), and its entry in the builders file",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			_, b, set, err := one(args[0])
			if err != nil {
				return err
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			if err := removeBuilder(ctx, b); err != nil {
				return err
			}
			if set.user[b.Name] {
				if err := c.dropUserBuilder(b.Name); err != nil {
					return err
				}
			}
			fmt.Fprintf(c.stdout, "removed %s\n", b.Name)
			return nil
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "prune NAME",
		Short: "Remove the BuildKit cache of a builder's running nodes",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			_, b, _, err := one(args[0])
			if err != nil {
				return err
			}
			return c.prune(b)
		},
	})
	cmd.AddCommand(c.newBuilderCreateCommand())
	return cmd
}

// builderTable prints builders and their nodes. Nodes that bkx creates
// are not started unless bootstrap is set.
func (c *cli) builderTable(bs map[string]*plan.Builder, order []string, bootstrap bool) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME/NODE\tDRIVER/ENDPOINT\tSTATUS\tPLATFORMS\tBUILDKIT\tCAPABILITIES")
	failed := false
	for _, name := range order {
		pb := bs[name]
		fmt.Fprintf(tw, "%s\t%s\t\t\t\t%s\n", pb.Name, pb.Driver, capsString(pb.Caps))
		d, _ := drivers.Lookup(pb.Driver)
		b, err := d.New(pb.Config)
		if err != nil {
			fmt.Fprintf(tw, "  \t\terror: %v\t\t\t\n", err)
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
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t\n", n.Name(), endpoint, status, plats, version)
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
			if strings.Contains(string(old), fmt.Sprintf("builder %q", name)) {
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

// builderBlock writes a builder block in the build file syntax.
func builderBlock(name, driver, node, endpoint string, platforms []string, opts map[string]string) string {
	var attrs []string
	if endpoint != "" {
		attrs = append(attrs, fmt.Sprintf("endpoint = %q", endpoint))
	}
	if len(platforms) > 0 {
		q := make([]string, len(platforms))
		for i, p := range platforms {
			q[i] = strconv.Quote(p)
		}
		attrs = append(attrs, "platforms = ["+strings.Join(q, ", ")+"]")
	}
	if len(opts) > 0 {
		var kv []string
		for _, k := range slices.Sorted(maps.Keys(opts)) {
			kv = append(kv, fmt.Sprintf("%q = %q", k, opts[k]))
		}
		attrs = append(attrs, "driver-opts = { "+strings.Join(kv, ", ")+" }")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "builder %q {\n  driver = %q\n", name, driver)
	indent := "  "
	if node != "" {
		fmt.Fprintf(&b, "  node %q {\n", node)
		indent = "    "
	}
	for _, a := range attrs {
		b.WriteString(indent + a + "\n")
	}
	if node != "" {
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// localPlatform is the platform of this machine.
func localPlatform() string { return "linux/" + runtime.GOARCH }
