package funcs

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zclconf/go-cty/cty"
	"golang.org/x/crypto/bcrypt"
)

func TestImpure(t *testing.T) {
	fns := Stdlib(testOpts)

	v, err := fns["bcrypt"].Call([]cty.Value{s("mypassword"), n(4)})
	if err != nil {
		t.Fatal(err)
	}
	if h := v.AsString(); !strings.HasPrefix(h, "$2a$04$") || bcrypt.CompareHashAndPassword([]byte(h), []byte("mypassword")) != nil {
		t.Errorf("bcrypt: bad hash %q", h)
	}
	// Costs below the minimum select the default cost, like buildx.
	if v, err = fns["bcrypt"].Call([]cty.Value{s("x"), n(3)}); err != nil || !strings.HasPrefix(v.AsString(), "$2a$10$") {
		t.Errorf("bcrypt cost 3: %v %v", v, err)
	}

	v, err = fns["uuidv4"].Call(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(v.AsString()) {
		t.Errorf("uuidv4: %q", v.AsString())
	}

	// timestamp() uses Options.Now and reports UTC.
	now := time.Date(2030, 1, 2, 3, 4, 5, 6, time.FixedZone("X", 3600))
	v, err = Stdlib(Options{Now: func() time.Time { return now }})["timestamp"].Call(nil)
	if err != nil || v.AsString() != "2030-01-02T02:04:05Z" {
		t.Errorf("timestamp: %v %v", v, err)
	}

	if _, err := Stdlib(Options{})["homedir"].Call(nil); err == nil {
		t.Error("homedir with no HomeDir: want error")
	}
}

func TestMaxCollectionOption(t *testing.T) {
	fns := Stdlib(Options{MaxCollection: 10})
	if _, err := fns["setproduct"].Call([]cty.Value{bigList(4), bigList(4)}); err == nil {
		t.Error("setproduct 4x4 with MaxCollection 10: want error")
	}
	if _, err := fns["setproduct"].Call([]cty.Value{bigList(2), bigList(2)}); err != nil {
		t.Errorf("setproduct 2x2 with MaxCollection 10: %s", err)
	}
	if _, err := fns["concat"].Call([]cty.Value{bigList(6), bigList(6)}); err == nil {
		t.Error("concat 6+6 with MaxCollection 10: want error")
	}
}
