package hcl

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/loader"
	composetypes "github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"go.yaml.in/yaml/v4"

	"github.com/bkx-dev/bkx/internal/names"
)

// Compose files are read as docker buildx bake reads them: compose-go
// loads them (merged in order, interpolated from the environment and then
// the working directory's .env), every service with a build section
// becomes a target of the same name ("." replaced by "_"), and the
// "default" group holds them, sorted. They are read before the bake
// files, whose targets of the same name merge over them (Target.merge);
// bake expressions do not see them (target.SERVICE is unknown, as in
// buildx), but inherits and groups do.

// composeProjectName is the project name buildx gives compose-go.
const composeProjectName = "bake"

// composeConfig is what the Compose files define.
type composeConfig struct {
	targets map[string]*Target
	order   []string
	// group is the default group; nil when the files define no service.
	group *Group
}

// dotEnvName is the file Compose interpolation reads beside the
// environment, in the working directory.
const dotEnvName = ".env"

// splitFiles sorts files into Compose files, Aux files (by cleaned name)
// and bake files, as buildx decides: *.yml and *.yaml are Compose, *.hcl
// and *.json never are, and any other name is Compose when it loads as
// Compose. Empty files are left out, as buildx skips them.
func splitFiles(files []File, env map[string]string) (compose []File, aux map[string]File, bake []File) {
	aux = map[string]File{}
	for _, f := range files {
		if f.Aux {
			aux[filepath.Clean(f.Name)] = f
		}
	}
	var cenv map[string]string
	for _, f := range files {
		switch {
		case f.Aux, len(f.Data) == 0:
		case isCompose(f.Name):
			compose = append(compose, f)
		case isBakeName(f.Name):
			bake = append(bake, f)
		default:
			if cenv == nil {
				cenv, _ = composeEnv(env, aux)
			}
			if _, err := loadCompose([]File{f}, cenv); err == nil && !emptyCompose(newComposeLocator([]File{f}).docs[0]) {
				compose = append(compose, f)
			} else {
				bake = append(bake, f)
			}
		}
	}
	return compose, aux, bake
}

// readComposeAux reads, through fsys, what the Compose files among files
// read beside themselves: the working directory's .env, and the
// services' env_file and label_file files (paths relative to the working
// directory, as buildx reads them). What does not exist is left out; Parse
// says so where it matters.
func readComposeAux(fsys fs.FS, files []File, env map[string]string) []File {
	if !slices.ContainsFunc(files, func(f File) bool { return len(f.Data) > 0 && !isBakeName(f.Name) }) {
		return nil
	}
	var aux []File
	read := func(name string) {
		name = filepath.Clean(name)
		if slices.ContainsFunc(aux, func(f File) bool { return f.Name == name }) {
			return
		}
		if st, err := fs.Stat(fsys, name); err != nil || !st.Mode().IsRegular() {
			return
		}
		if data, err := fs.ReadFile(fsys, name); err == nil {
			aux = append(aux, File{Name: name, Data: data, Aux: true})
		}
	}
	read(dotEnvName)
	compose, byName, _ := splitFiles(append(slices.Clone(files), aux...), env)
	if len(compose) == 0 {
		return nil
	}
	cenv, _ := composeEnv(env, byName)
	project, err := loadCompose(compose, cenv)
	if err != nil {
		return aux
	}
	for _, name := range names.SortedKeys(project.Services) {
		svc := project.Services[name]
		for _, ef := range svc.EnvFiles {
			read(ef.Path)
		}
		for _, lf := range svc.LabelFiles {
			read(lf)
		}
	}
	return aux
}

// composeEnv is the environment Compose interpolation reads: env, then
// the .env file (among aux) for the names env lacks.
func composeEnv(env map[string]string, aux map[string]File) (map[string]string, *hcl.Diagnostic) {
	out := make(map[string]string, len(env))
	for k, v := range env {
		out[k] = v
	}
	dotEnv, ok := aux[dotEnvName]
	if !ok {
		return out, nil
	}
	vars, err := dotenv.UnmarshalBytesWithLookup(dotEnv.Data, func(k string) (string, bool) {
		v, ok := env[k]
		return v, ok
	})
	if err != nil {
		return out, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid .env file",
			Detail:   fmt.Sprintf("%s: %v. Compose files read their ${VAR} values from it; write one NAME=value per line.", dotEnv.Name, err),
		}
	}
	for k, v := range vars {
		if _, ok := out[k]; !ok {
			out[k] = v
		}
	}
	return out, nil
}

// loadCompose loads Compose files with compose-go as buildx does: every
// profile, no normalization, paths left as written (composeTarget cleans
// them without reading the process's home or working directory). The
// env_file and label_file files are not read here but by serviceEnv, from
// the Aux files. The one exception to reading files only through what
// the caller hands over: compose-go itself reads the files of include and
// extends.file, relative to the process's working directory (the bkx
// CLI's working directory).
func loadCompose(files []File, env map[string]string) (p *composetypes.Project, err error) {
	defer func() {
		// A library's bug on odd input is an error in that input, not a
		// crash of bkx.
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("compose-go failed on this input: %v", r)
		}
	}()
	details := composetypes.ConfigDetails{Environment: env}
	for _, f := range files {
		details.ConfigFiles = append(details.ConfigFiles, composetypes.ConfigFile{Filename: f.Name, Content: f.Data})
	}
	return loader.LoadWithContext(context.Background(), details, func(o *loader.Options) {
		o.SetProjectName(composeProjectName, false)
		o.SkipNormalization = true
		o.ResolvePaths = false
		o.Profiles = []string{"*"}
		o.SkipResolveEnvironment = true
		o.SkipResolveLabels = true
	})
}

// emptyCompose reports a file buildx calls empty: one with neither
// services nor secrets at the top level.
func emptyCompose(d yamlDoc) bool {
	if d.root != nil && d.root.Kind != yaml.MappingNode {
		return false // not a mapping: compose-go says so
	}
	return mapValue(d.root, "services") == nil && mapValue(d.root, "secrets") == nil
}

// readCompose loads the Compose files into targets and the default group.
// Their contents join files, for snippets. Any error means nothing is
// returned: buildx stops at a Compose file it cannot read.
func readCompose(files []File, aux map[string]File, opt Options, fileMap map[string]*hcl.File) (*composeConfig, hcl.Diagnostics) {
	if len(files) == 0 {
		return nil, nil
	}
	loc := newComposeLocator(files)
	for _, f := range files {
		fileMap[f.Name] = &hcl.File{Bytes: f.Data}
	}
	for _, d := range loc.docs {
		if d.valid && emptyCompose(d) {
			return nil, hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  "Empty Compose file",
				Detail:   fmt.Sprintf("%s has no services (nor secrets). Add a services section with a build section per image, or name the bake files alone with -f if it is not meant for bake.", d.name),
				Subject:  d.rangeAt(1, 1, 1).Ptr(),
			}}
		}
	}
	env, d := composeEnv(opt.Env, aux)
	if d != nil {
		return nil, hcl.Diagnostics{d}
	}
	project, err := loadCompose(files, env)
	if err != nil {
		return nil, hcl.Diagnostics{composeError(err, loc)}
	}
	c := &composeConfig{targets: map[string]*Target{}}
	var diags hcl.Diagnostics
	for _, d := range loc.docs {
		diags = append(diags, d.unsetVars(env)...)
	}
	for _, name := range loc.serviceOrder(project) {
		svc := project.Services[name]
		if svc.Build == nil {
			continue // buildx skips services it cannot build
		}
		senv, d := serviceEnv(svc, project, aux, loc)
		diags = append(diags, d...)
		t, d := composeTarget(svc, senv, project, loc, opt.HomeDir)
		diags = append(diags, d...)
		if t == nil {
			continue
		}
		if prev, ok := c.targets[t.Name]; ok {
			prev.merge(t) // two services whose names differ by "." and "_"
			continue
		}
		c.targets[t.Name] = t
		c.order = append(c.order, t.Name)
	}
	if diags.HasErrors() {
		return nil, diags
	}
	if len(project.Services) > 0 {
		at, _ := loc.locate("services")
		c.group = &Group{Name: "default", Targets: slices.Sorted(slices.Values(c.order)), DefRange: at, TargetsRng: at}
	}
	return c, diags
}

// mergeCompose merges the bake files' targets over the Compose ones:
// Compose targets come first, a bake target of the same name merges over
// its service, and the Compose default group stands unless a bake file
// defines one.
func (ev *evaluator) mergeCompose(c *composeConfig) {
	if c == nil {
		return
	}
	for _, d := range ev.diags {
		for _, name := range c.order {
			if d.Summary == "Unknown target" && strings.HasPrefix(d.Detail, fmt.Sprintf("There is no target named %q.", name)) {
				d.Detail = fmt.Sprintf("%q is a Compose service: bake expressions cannot read its attributes (docker buildx bake cannot either). Inherit from it with inherits = [%q], or write the value here.", name, name)
			}
		}
	}
	order := slices.Clone(c.order)
	for _, name := range c.order {
		ct := c.targets[name]
		inst := ev.targets[name]
		if inst == nil {
			ev.targets[name] = &instance{name: name, state: map[string]int{}, vals: map[string]cty.Value{}, t: ct}
			continue
		}
		t := &Target{Name: name, DefRange: ct.DefRange, Ranges: map[string]hcl.Range{}}
		t.merge(ct)
		t.merge(inst.t)
		inst.t = t
	}
	for _, name := range ev.targetOrder {
		if _, ok := c.targets[name]; !ok {
			order = append(order, name)
		}
	}
	ev.targetOrder = order
	if _, ok := ev.groups["default"]; !ok && c.group != nil {
		ev.groups["default"] = c.group
		ev.groupOrder = append([]string{"default"}, ev.groupOrder...)
	}
}

// composeError turns a compose-go error into a diagnostic at the place it
// names: a YAML syntax error's line, or the attribute of a validation or
// interpolation error.
func composeError(err error, loc *composeLocator) *hcl.Diagnostic {
	msg := err.Error()
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid Compose file"}
	file := loc.fileNamed(msg)
	switch {
	case strings.HasPrefix(msg, "failed to parse ") && file != "":
		msg = strings.TrimPrefix(strings.TrimPrefix(msg, "failed to parse "+file), ": ")
		d.Summary = "Invalid YAML"
		d.Detail = fmt.Sprintf("%s is not valid YAML: %s. Fix the file there (indentation, quoting or encoding).", file, msg)
		if r, ok := loc.yamlErrorAt(file, msg); ok {
			d.Subject = &r
		}
		return d
	case strings.HasPrefix(msg, "validating ") && file != "":
		msg = strings.TrimPrefix(strings.TrimPrefix(msg, "validating "+file), ": ")
		path, rest, _ := strings.Cut(msg, " ")
		if m := additionalProperty.FindStringSubmatch(rest); m != nil {
			path += "." + m[1]
		}
		d.Detail = fmt.Sprintf("%s: %s. Check the name and type of this attribute against the Compose specification (https://docs.docker.com/reference/compose-file/).", file, msg)
		if r, ok := loc.locateIn(file, path); ok {
			d.Subject = &r
		}
		return d
	case strings.HasPrefix(msg, "error while interpolating "):
		path, rest, _ := strings.Cut(strings.TrimPrefix(msg, "error while interpolating "), ": ")
		d.Summary = "Cannot interpolate Compose file"
		d.Detail = fmt.Sprintf("%s: %s. Set the variable in the environment or in .env, or give it a default: ${NAME:-default}.", path, rest)
		if r, ok := loc.locateDotted(path); ok {
			d.Subject = &r
		}
		return d
	}
	files := make([]string, len(loc.docs))
	for i, doc := range loc.docs {
		files[i] = doc.name
	}
	if msg == "top-level object must be a mapping" {
		d.Detail = fmt.Sprintf("%s: %s. A *.yml or *.yaml file is read as Compose; if this is a bake file, name it *.hcl or *.json.", strings.Join(files, ", "), msg)
		return d
	}
	d.Detail = fmt.Sprintf("%s: %s. Fix the Compose file, or name only the bake files with -f.", strings.Join(files, ", "), msg)
	// Other messages name a service, or start with a path
	// ("services must be a mapping", "secrets.x: ...").
	var r hcl.Range
	ok := false
	if m := serviceNamed.FindStringSubmatch(msg); m != nil {
		r, ok = loc.locate("services", m[1])
	} else if tok, _, _ := strings.Cut(strings.SplitN(msg, " ", 2)[0], ":"); tok != "" {
		r, ok = loc.locateDotted(tok)
	}
	if ok {
		d.Subject = &r
	}
	return d
}

var (
	yamlPosition       = regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)
	additionalProperty = regexp.MustCompile(`additional propert(?:y|ies) '([^']+)' not allowed`)
	serviceNamed       = regexp.MustCompile(`^service "([^"]+)"`)
	yamlOffset         = regexp.MustCompile(`offset (\d+)`)
)

// yamlErrorAt finds the place a YAML parser message names: its last
// "line N, column M", or a byte offset.
func (l *composeLocator) yamlErrorAt(file, msg string) (hcl.Range, bool) {
	// In "line 4: mapping key "a" already defined at line 2" the
	// duplicate is line 4: leave the first definition out.
	where, _, _ := strings.Cut(msg, " already defined at ")
	if m := yamlPosition.FindAllStringSubmatch(where, -1); m != nil {
		last := m[len(m)-1]
		line, _ := strconv.Atoi(last[1])
		col, err := strconv.Atoi(last[2])
		if err != nil {
			col = 1
		}
		return l.at(file, line, col)
	}
	if m := yamlOffset.FindStringSubmatch(msg); m != nil {
		off, _ := strconv.Atoi(m[1])
		return l.atByte(file, off)
	}
	return hcl.Range{}, false
}
