# The web server image: the API and, on the same port, the built web pages.
# Build from the repository root: docker build -t gaps-app .
# Node 24 runs the TypeScript sources directly (type stripping); `npm run build` builds the web pages.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# Manifests first, so that the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
COPY db/package.json db/
COPY server/package.json server/
COPY workers/package.json workers/
COPY web/package.json web/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    WEB_BUILD_DIR=/app/web/build \
    DATA_DIR=/app/.data
WORKDIR /app
# The code stays owned by root (read-only to the app); only the data folder is the app's.
COPY --from=build /app /app
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
CMD ["node", "server/src/main.ts"]
