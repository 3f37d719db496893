import { ViewScaffold } from '../../app/ViewScaffold';

export default function WallPage() {
  return <ViewScaffold view="wall" />;
}
