target "app" { dockerfile-inline = "FROM a\nRUN echo %%{x} $${y}" }
