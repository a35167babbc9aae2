FROM scratch
COPY --from=shared a.txt /
