// Package all registers every driver; import it for its side effect.
package all

import (
	_ "github.com/bkx-dev/bkx/drivers/docker"
	_ "github.com/bkx-dev/bkx/drivers/dockercontainer"
	_ "github.com/bkx-dev/bkx/drivers/kubernetes"
	_ "github.com/bkx-dev/bkx/drivers/remote"
)
